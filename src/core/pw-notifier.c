/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-flow-file.h"
#include "pw-flow.h"
#include "pw-notification-rule.h"
#include "pw-notifier.h"
#include "pw-system-clock.h"

/**
 * PwNotifier:
 *
 * Tells people when flow runs enter the states they care about.
 *
 * The notifier reads the flow-run states stored in the database in the
 * order they were stored, whoever stored them (this process's engine, an
 * agent elsewhere, the scheduler marking a run Late, a process that found
 * a run Crashed), and matches each against the rules: the notification
 * rules of the run's flow version (its `notifications`) and the global
 * rules kept in the database (#PwNotificationPolicy). It looks when an
 * object it watches reports a flow-run change (pw_notifier_watch()), and
 * every few seconds for the changes of other processes.
 *
 * For each (run, state) that a rule matches, it emits #PwNotifier::deliver
 * once (the desktop app shows a GNotification from it) and POSTs the
 * notification to each distinct webhook of the matching rules, with
 * retries (#PwWebhook), never blocking the main loop. A webhook delivery is
 * claimed in the database first, so that when several processes watch one
 * database (the app, agents) exactly one of them delivers it, once.
 *
 * Where the notifiers stand is kept in the database too: a notifier that
 * starts catches up on the states stored while none ran (say, a run found
 * Crashed when the database was opened), up to a maximum age.
 */

#define DEFAULT_SCAN_INTERVAL_MS 5000
#define DEFAULT_MAX_AGE          (G_TIME_SPAN_HOUR)
#define SCAN_BATCH               200
#define MAX_BATCHES_PER_SCAN     20
#define MAX_REMEMBERED           4096
#define MAX_CACHED_FLOWS         128

struct _PwNotifier
{
  GObject       parent_instance;

  PwStore      *store;
  PwClock      *clock;
  PwWebhook    *webhook;
  GCancellable *cancellable;

  gint64        mark;
  gboolean      started;
  guint         scan_interval_ms;
  GTimeSpan     max_age;
  guint         timer_id;
  guint         idle_id;
  guint         n_sending;

  /* "run\x1ftype\x1fname" already delivered by this notifier, oldest
   * first, so that the set stays bounded */
  GHashTable   *delivered;
  GQueue        delivered_order;

  /* "flow_id\x1fversion" → GPtrArray of PwNotificationRule (empty when the
   * version has none or cannot be read) */
  GHashTable   *flow_rules;
};

G_DEFINE_FINAL_TYPE (PwNotifier, pw_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_SENDING,
  N_PROPS
};

enum {
  DELIVER,
  WEBHOOK_FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pw_notifier_dispose (GObject *object)
{
  PwNotifier *self = (PwNotifier *)object;

  /* Deliveries in flight hold the notifier: none is left by now. */
  pw_notifier_stop (self);

  G_OBJECT_CLASS (pw_notifier_parent_class)->dispose (object);
}

static void
pw_notifier_finalize (GObject *object)
{
  PwNotifier *self = (PwNotifier *)object;

  g_clear_pointer (&self->delivered, g_hash_table_unref);
  g_queue_clear (&self->delivered_order);
  g_clear_pointer (&self->flow_rules, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->webhook);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pw_notifier_parent_class)->finalize (object);
}

static void
pw_notifier_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PwNotifier *self = PW_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_N_SENDING:
      g_value_set_uint (value, self->n_sending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_notifier_class_init (PwNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pw_notifier_dispose;
  object_class->finalize = pw_notifier_finalize;
  object_class->get_property = pw_notifier_get_property;

  properties[PROP_N_SENDING] =
    g_param_spec_uint ("n-sending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PwNotifier::deliver:
   * @self: the notifier
   * @notification: a #PwNotification
   *
   * A flow run entered a state that a rule names. Emitted once per run and
   * state, whether or not a webhook is sent too: the desktop app shows it.
   */
  signals[DELIVER] =
    g_signal_new ("deliver", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PW_TYPE_NOTIFICATION);

  /**
   * PwNotifier::webhook-finished:
   * @self: the notifier
   * @notification: the #PwNotification sent
   * @url: the webhook
   * @attempts: how many attempts were made
   * @error: (nullable): why it was given up, or %NULL if delivered
   *
   * A webhook delivery this notifier made has ended.
   */
  signals[WEBHOOK_FINISHED] =
    g_signal_new ("webhook-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4,
                  PW_TYPE_NOTIFICATION, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_ERROR);
}

static void
pw_notifier_init (PwNotifier *self)
{
  self->webhook = pw_webhook_new ();
  self->cancellable = g_cancellable_new ();
  self->mark = -1;
  self->scan_interval_ms = DEFAULT_SCAN_INTERVAL_MS;
  self->max_age = DEFAULT_MAX_AGE;
  self->delivered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->delivered_order);
  self->flow_rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify)g_ptr_array_unref);
}

/**
 * pw_notifier_new:
 * @store: the database whose runs it watches
 * @clock: (nullable): where time comes from, or %NULL for the system clock
 *
 * Returns: (transfer full): a notifier; pw_notifier_start() starts it
 */
PwNotifier *
pw_notifier_new (PwStore *store,
                 PwClock *clock)
{
  PwNotifier *self;

  g_return_val_if_fail (PW_IS_STORE (store), NULL);
  g_return_val_if_fail (clock == NULL || PW_IS_CLOCK (clock), NULL);

  self = g_object_new (PW_TYPE_NOTIFIER, NULL);
  self->store = g_object_ref (store);
  self->clock = g_object_ref (clock != NULL ? clock : pw_system_clock_get_default ());
  return self;
}

/**
 * pw_notifier_get_store:
 * @self: a #PwNotifier
 *
 * Returns: (transfer none): the store
 */
PwStore *
pw_notifier_get_store (PwNotifier *self)
{
  g_return_val_if_fail (PW_IS_NOTIFIER (self), NULL);
  return self->store;
}

/**
 * pw_notifier_get_webhook:
 * @self: a #PwNotifier
 *
 * Returns: (transfer none): the webhook sender, to set its time limits
 */
PwWebhook *
pw_notifier_get_webhook (PwNotifier *self)
{
  g_return_val_if_fail (PW_IS_NOTIFIER (self), NULL);
  return self->webhook;
}

/**
 * pw_notifier_set_scan_interval_ms:
 * @self: a #PwNotifier
 * @interval_ms: how often to look for the changes of other processes
 *   (every 5 s of the notifier's clock unless set)
 */
void
pw_notifier_set_scan_interval_ms (PwNotifier *self,
                                  guint       interval_ms)
{
  g_return_if_fail (PW_IS_NOTIFIER (self));
  g_return_if_fail (interval_ms > 0);

  self->scan_interval_ms = interval_ms;
}

/**
 * pw_notifier_set_max_age:
 * @self: a #PwNotifier
 * @max_age: states older than this (by the notifier's clock) when it
 *   first sees them are not notified (an hour unless set)
 */
void
pw_notifier_set_max_age (PwNotifier *self,
                         GTimeSpan   max_age)
{
  g_return_if_fail (PW_IS_NOTIFIER (self));

  self->max_age = max_age;
}

guint
pw_notifier_get_n_sending (PwNotifier *self)
{
  g_return_val_if_fail (PW_IS_NOTIFIER (self), 0);
  return self->n_sending;
}

/* Webhook deliveries */

typedef struct
{
  PwNotifier     *self;
  PwNotification *notification;
  char           *url;
} Sending;

static void
sending_free (Sending *sending)
{
  g_object_unref (sending->self);
  g_object_unref (sending->notification);
  g_free (sending->url);
  g_free (sending);
}

static void
set_n_sending (PwNotifier *self,
               guint       n_sending)
{
  if (self->n_sending == n_sending)
    return;
  self->n_sending = n_sending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SENDING]);
}

static void
on_webhook_done (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Sending *sending = user_data;
  PwNotifier *self = sending->self;
  PwNotification *notification = sending->notification;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  guint attempts = 0;
  gboolean ok;

  ok = pw_webhook_post_finish (PW_WEBHOOK (object), result, &attempts, &error);

  if (ok)
    g_debug ("Notified %s that flow run %s entered %s (%u attempts)", sending->url,
             pw_notification_get_flow_run_id (notification),
             pw_notification_get_state_name (notification), attempts);
  else
    g_warning ("Could not notify %s that flow run %s (%s) entered %s; gave up after %u %s: %s",
               sending->url, pw_notification_get_flow_run_name (notification),
               pw_notification_get_flow_run_id (notification),
               pw_notification_get_state_name (notification), attempts,
               attempts == 1 ? "attempt" : "attempts", error->message);

  if (!pw_store_finish_webhook_delivery (self->store,
                                         pw_notification_get_flow_run_id (notification),
                                         pw_notification_get_state_type (notification),
                                         pw_notification_get_state_name (notification),
                                         sending->url, ok, attempts,
                                         error != NULL ? error->message : NULL,
                                         &store_error))
    g_debug ("Could not record the delivery to %s: %s", sending->url, store_error->message);

  g_signal_emit (self, signals[WEBHOOK_FINISHED], 0, notification, sending->url, attempts, error);
  set_n_sending (self, self->n_sending - 1);
  sending_free (sending);
}

/* Claims and sends one webhook delivery. FALSE only if the store failed. */
static gboolean
send_webhook (PwNotifier      *self,
              PwNotification  *notification,
              const char      *url,
              GError         **error)
{
  g_autofree char *body = NULL;
  gboolean claimed = FALSE;
  Sending *sending;

  if (!pw_store_claim_webhook_delivery (self->store,
                                        pw_notification_get_flow_run_id (notification),
                                        pw_notification_get_state_type (notification),
                                        pw_notification_get_state_name (notification),
                                        url, &claimed, error))
    return FALSE;
  if (!claimed)
    {
      g_debug ("%s was told about flow run %s entering %s already", url,
               pw_notification_get_flow_run_id (notification),
               pw_notification_get_state_name (notification));
      return TRUE;
    }

  body = pw_notification_dup_body (notification);
  sending = g_new0 (Sending, 1);
  sending->self = g_object_ref (self);
  sending->notification = g_object_ref (notification);
  sending->url = g_strdup (url);
  set_n_sending (self, self->n_sending + 1);
  pw_webhook_post_async (self->webhook, url, body, self->cancellable, on_webhook_done, sending);
  return TRUE;
}

/* Matching */

static void
remember (PwNotifier *self,
          char       *key)
{
  g_hash_table_add (self->delivered, key);
  g_queue_push_tail (&self->delivered_order, key);
  while (g_queue_get_length (&self->delivered_order) > MAX_REMEMBERED)
    g_hash_table_remove (self->delivered, g_queue_pop_head (&self->delivered_order));
}

/* The notification rules of the flow version a run ran. */
static GPtrArray *
get_flow_rules (PwNotifier *self,
                PwFlowRun  *run)
{
  g_autofree char *key = g_strdup_printf ("%s\x1f%u", pw_flow_run_get_flow_id (run),
                                          pw_flow_run_get_flow_version (run));
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  g_autoptr(PwFlow) flow = NULL;
  GPtrArray *rules;

  rules = g_hash_table_lookup (self->flow_rules, key);
  if (rules != NULL)
    return rules;

  rules = g_ptr_array_new_with_free_func (g_object_unref);
  document = pw_store_get_flow_document (self->store, pw_flow_run_get_flow_name (run),
                                         pw_flow_run_get_flow_version (run), NULL, &error);
  if (document != NULL)
    flow = pw_flow_file_load_data (document, strlen (document),
                                   pw_flow_run_get_flow_name (run), NULL, &error);
  if (flow != NULL)
    {
      GListModel *model = pw_flow_get_notifications (flow);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (rules, g_list_model_get_item (model, i));
    }
  else
    g_debug ("No notification rules for flow %s version %u: %s",
             pw_flow_run_get_flow_name (run), pw_flow_run_get_flow_version (run),
             error->message);

  if (g_hash_table_size (self->flow_rules) >= MAX_CACHED_FLOWS)
    g_hash_table_remove_all (self->flow_rules);
  g_hash_table_insert (self->flow_rules, g_steal_pointer (&key), rules);
  return rules;
}

static void
add_webhook (GPtrArray  *webhooks,
             const char *url)
{
  if (url == NULL || *url == '\0')
    return;
  for (guint i = 0; i < webhooks->len; i++)
    if (g_str_equal (g_ptr_array_index (webhooks, i), url))
      return;
  g_ptr_array_add (webhooks, (char *)url);
}

static gboolean
is_too_old (PwNotifier *self,
            PwState    *state)
{
  g_autoptr(GDateTime) now = pw_clock_get_now (self->clock);
  GDateTime *timestamp = pw_state_get_timestamp (state);

  return timestamp != NULL && g_date_time_difference (now, timestamp) > self->max_age;
}

/* Looks at one stored state. FALSE only if the store failed. */
static gboolean
handle_state (PwNotifier  *self,
              GPtrArray   *policies,
              PwState     *state,
              GError     **error)
{
  const char *type = pw_state_type_to_string (pw_state_get_state_type (state));
  const char *name = pw_state_get_name (state);
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwNotification) notification = NULL;
  g_autoptr(GPtrArray) webhooks = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *deployment_name = NULL;
  g_autofree char *key = NULL;
  g_auto(GStrv) tags = NULL;
  GPtrArray *flow_rules;
  gboolean matched = FALSE;

  if (is_too_old (self, state))
    return TRUE;

  key = g_strdup_printf ("%s\x1f%s\x1f%s", pw_state_get_flow_run_id (state), type, name);
  if (g_hash_table_contains (self->delivered, key))
    return TRUE;

  run = pw_store_get_flow_run (self->store, pw_state_get_flow_run_id (state), &local_error);
  if (run == NULL)
    {
      /* Deleted since: nobody to tell about it. */
      if (g_error_matches (local_error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!pw_store_get_flow_run_context (self->store, pw_flow_run_get_id (run),
                                      &deployment_name, &tags, &local_error))
    {
      if (g_error_matches (local_error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  notification = pw_notification_new (run, state);
  pw_notification_set_deployment_name (notification, deployment_name);
  pw_notification_add_tags (notification, (const char * const *)tags);

  flow_rules = get_flow_rules (self, run);
  for (guint i = 0; i < flow_rules->len; i++)
    {
      PwNotificationRule *rule = g_ptr_array_index (flow_rules, i);

      if (pw_notification_rule_matches (rule, type, name))
        {
          matched = TRUE;
          add_webhook (webhooks, pw_notification_rule_get_webhook (rule));
        }
    }

  for (guint i = 0; i < policies->len; i++)
    {
      PwNotificationPolicy *policy = g_ptr_array_index (policies, i);

      if (pw_notification_policy_matches (policy, pw_flow_run_get_flow_name (run),
                                          pw_notification_get_tags (notification), type, name))
        {
          matched = TRUE;
          add_webhook (webhooks, pw_notification_policy_get_webhook (policy));
        }
    }

  if (!matched)
    return TRUE;

  for (guint i = 0; i < webhooks->len; i++)
    if (!send_webhook (self, notification, g_ptr_array_index (webhooks, i), error))
      return FALSE;

  remember (self, g_steal_pointer (&key));
  g_signal_emit (self, signals[DELIVER], 0, notification);
  return TRUE;
}

/**
 * pw_notifier_scan:
 * @self: a #PwNotifier
 * @error: return location for a #GError
 *
 * Looks at the flow-run states stored since it last looked, now. A
 * started notifier does this by itself; tests call it to look at once.
 * States it could not look at because the store failed are looked at
 * again next time.
 *
 * Returns: %TRUE unless the store failed (then @error is set)
 */
gboolean
pw_notifier_scan (PwNotifier  *self,
                  GError     **error)
{
  g_autoptr(GPtrArray) policies = NULL;

  g_return_val_if_fail (PW_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->mark < 0)
    {
      self->mark = pw_store_get_notification_cursor (self->store, error);
      if (self->mark < 0)
        return FALSE;
    }

  /* Read each time: another process may have added one. */
  policies = pw_store_list_notification_rules (self->store, error);
  if (policies == NULL)
    return FALSE;

  for (guint batch = 0; batch < MAX_BATCHES_PER_SCAN; batch++)
    {
      g_autoptr(GPtrArray) states = NULL;
      gint64 next = self->mark;

      states = pw_store_list_flow_run_states_after (self->store, self->mark, SCAN_BATCH,
                                                    &next, error);
      if (states == NULL)
        return FALSE;

      for (guint i = 0; i < states->len; i++)
        if (!handle_state (self, policies, g_ptr_array_index (states, i), error))
          return FALSE;

      if (next == self->mark)
        break;
      self->mark = next;
      if (!pw_store_advance_notification_cursor (self->store, self->mark, error))
        return FALSE;
      if (states->len < SCAN_BATCH)
        break;
    }

  return TRUE;
}

static void
scan_now (PwNotifier *self)
{
  g_autoptr(GError) error = NULL;

  if (!pw_notifier_scan (self, &error))
    g_warning ("Could not look for flow runs to notify about: %s", error->message);
}

static gboolean
on_idle_scan (gpointer user_data)
{
  PwNotifier *self = user_data;

  self->idle_id = 0;
  scan_now (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_scan_timer (gpointer user_data)
{
  scan_now (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_flow_run_changed (PwNotifier *self,
                     const char *flow_run_id)
{
  /* One look for a burst of changes, once they are all stored. */
  if (self->started && self->idle_id == 0)
    self->idle_id = g_idle_add (on_idle_scan, self);
}

/**
 * pw_notifier_watch:
 * @self: a #PwNotifier
 * @source: an object with a `flow-run-changed` signal (a #PwBackend, a
 *   #PwEngine, a #PwAgent), emitted once a change is stored
 *
 * Looks for states to notify about as soon as @source reports a change,
 * instead of at the next periodic look.
 */
void
pw_notifier_watch (PwNotifier *self,
                   GObject    *source)
{
  g_return_if_fail (PW_IS_NOTIFIER (self));
  g_return_if_fail (G_IS_OBJECT (source));
  g_return_if_fail (g_signal_lookup ("flow-run-changed", G_OBJECT_TYPE (source)) != 0);

  g_signal_connect_object (source, "flow-run-changed", G_CALLBACK (on_flow_run_changed),
                           self, G_CONNECT_SWAPPED);
}

/**
 * pw_notifier_start:
 * @self: a #PwNotifier
 * @error: return location for a #GError
 *
 * Starts notifying: looks at once at what happened since a notifier last
 * looked, then whenever a watched object reports a change, and every scan
 * interval. Call on the thread that runs the default main context.
 *
 * Returns: %TRUE if started, else %FALSE with @error set (the database
 *   could not be read)
 */
gboolean
pw_notifier_start (PwNotifier  *self,
                   GError     **error)
{
  g_return_val_if_fail (PW_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->started)
    return TRUE;

  self->mark = -1;
  if (!pw_notifier_scan (self, error))
    return FALSE;

  self->started = TRUE;
  self->timer_id = pw_clock_timeout_add (self->clock, self->scan_interval_ms,
                                         on_scan_timer, self, NULL);
  return TRUE;
}

/**
 * pw_notifier_stop:
 * @self: a #PwNotifier
 *
 * Stops looking for states to notify about. Webhook deliveries in flight
 * go on (pw_notifier_get_n_sending() counts them) until the notifier is
 * disposed.
 */
void
pw_notifier_stop (PwNotifier *self)
{
  g_return_if_fail (PW_IS_NOTIFIER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
}

/**
 * pw_notifier_cancel:
 * @self: a #PwNotifier
 *
 * Stops the notifier and gives up the webhook deliveries in flight (they
 * are recorded as failed, and not tried again). For a process that must
 * quit now.
 */
void
pw_notifier_cancel (PwNotifier *self)
{
  g_return_if_fail (PW_IS_NOTIFIER (self));

  pw_notifier_stop (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}
