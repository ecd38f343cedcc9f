/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-notifier"

#include "config.h"

#include <json-glib/json-glib.h>

#include "pw-engine.h"
#include "pw-fake-clock.h"
#include "pw-notifier.h"
#include "test-notifier-server.h"
#include "test-store-fixture.h"

/*
 * Notifications: rule matching, global rules in the store, the webhook
 * sender (a real SoupServer on 127.0.0.1), and the notifier end to end:
 * the body, an endpoint that is down or slow, and no duplicates.
 */

#define FLOW_DOC \
  "{\"format\": \"pipewright-flow/1\", \"name\": \"etl\", \"tags\": [\"nightly\"]," \
  " \"notifications\": [{\"states\": [\"TimedOut\"], \"webhook\": null}]," \
  " \"tasks\": [{\"key\": \"a\", \"kind\": \"noop\"}]}"

typedef struct
{
  StoreFixture  store;
  PwClock      *clock;
  PwNotifier   *notifier;
  GPtrArray    *delivered;   /* PwNotification */
  guint         n_finished;
  guint         n_failed;
} Fixture;

static void
on_deliver (PwNotifier     *notifier,
            PwNotification *notification,
            Fixture        *f)
{
  g_ptr_array_add (f->delivered, g_object_ref (notification));
}

static void
on_webhook_finished (PwNotifier     *notifier,
                     PwNotification *notification,
                     const char     *url,
                     guint           attempts,
                     const GError   *error,
                     Fixture        *f)
{
  f->n_finished++;
  if (error != NULL)
    f->n_failed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GDateTime) start = store_test_time (1, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  static const char * const tags[] = { "nightly", NULL };

  store_fixture_set_up (&f->store, data);
  f->clock = pw_fake_clock_new (start);
  f->notifier = pw_notifier_new (f->store.store, f->clock);
  f->delivered = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (f->notifier, "deliver", G_CALLBACK (on_deliver), f);
  g_signal_connect (f->notifier, "webhook-finished", G_CALLBACK (on_webhook_finished), f);

  /* Fast retries: the endpoint is local. */
  pw_webhook_set_timeout_ms (pw_notifier_get_webhook (f->notifier), 2000);
  pw_webhook_set_max_attempts (pw_notifier_get_webhook (f->notifier), 3);
  pw_webhook_set_retry_delay_ms (pw_notifier_get_webhook (f->notifier), 20, 100);

  info = pw_store_save_flow (f->store.store, "etl", NULL, tags, 1, FLOW_DOC, &error);
  g_assert_no_error (error);
  g_clear_object (&info);
  info = pw_store_save_flow (f->store.store, "report", NULL, NULL, 1,
                             "{\"format\": \"pipewright-flow/1\", \"name\": \"report\","
                             " \"tasks\": [{\"key\": \"a\", \"kind\": \"noop\"}]}",
                             &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_ptr_array_unref (f->delivered);
  g_assert_finalize_object (g_steal_pointer (&f->notifier));
  g_assert_finalize_object (g_steal_pointer (&f->clock));
  store_fixture_tear_down (&f->store, data);
}

static void
iterate_until (gboolean (*done) (Fixture *f),
               Fixture  *f)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (!done (f))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
nothing_sending (Fixture *f)
{
  return pw_notifier_get_n_sending (f->notifier) == 0;
}

/* A run of @flow_name carrying @tags (nullable), entered into @type/@name
 * at the fake clock's time. */
static char *
run_enters (Fixture            *f,
            const char         *flow_name,
            const char * const *tags,
            PwStateType         type,
            const char         *name,
            const char         *message)
{
  g_autoptr(PwFlowRun) request = pw_flow_run_new ();
  g_autoptr(PwFlowRun) run = NULL;
  g_autoptr(PwState) state = pw_state_new (type, name, message);
  g_autoptr(GDateTime) now = pw_clock_get_now (f->clock);
  g_autoptr(GError) error = NULL;

  pw_flow_run_set_flow_name (request, flow_name);
  pw_flow_run_set_tags (request, tags);
  run = pw_store_create_flow_run (f->store.store, request, NULL, NULL, &error);
  g_assert_no_error (error);

  pw_state_set_timestamp (state, now);
  pw_store_set_flow_run_state (f->store.store, pw_flow_run_get_id (run), state, &error);
  g_assert_no_error (error);
  return g_strdup (pw_flow_run_get_id (run));
}

static void
add_rule (Fixture            *f,
          const char * const *states,
          const char * const *flows,
          const char * const *tags,
          const char         *webhook)
{
  g_autoptr(PwNotificationPolicy) rule = pw_notification_policy_new (states, webhook);
  g_autoptr(GError) error = NULL;

  pw_notification_policy_set_flow_names (rule, flows);
  pw_notification_policy_set_tags (rule, tags);
  g_assert_true (pw_store_add_notification_rule (f->store.store, rule, &error));
  g_assert_no_error (error);
}

static void
scan (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_notifier_scan (f->notifier, &error));
  g_assert_no_error (error);
}

static void
start (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pw_notifier_start (f->notifier, &error));
  g_assert_no_error (error);
}

/* Rules */

static void
test_policy_matches (void)
{
  static const char * const failed_type[] = { "FAILED", NULL };
  static const char * const failed_name[] = { "Failed", NULL };
  static const char * const flows[] = { "etl", "report", NULL };
  static const char * const tags[] = { "prod", NULL };
  static const char * const run_prod[] = { "ml", "prod", NULL };
  static const char * const run_dev[] = { "dev", NULL };
  g_autoptr(PwNotificationPolicy) by_type = pw_notification_policy_new (failed_type, NULL);
  g_autoptr(PwNotificationPolicy) by_name = pw_notification_policy_new (failed_name, NULL);

  /* A type covers every name of that type; a name only itself. */
  g_assert_true (pw_notification_policy_matches (by_type, "etl", NULL, "FAILED", "Failed"));
  g_assert_true (pw_notification_policy_matches (by_type, "etl", NULL, "FAILED", "TimedOut"));
  g_assert_true (pw_notification_policy_matches (by_name, "etl", NULL, "FAILED", "Failed"));
  g_assert_false (pw_notification_policy_matches (by_name, "etl", NULL, "FAILED", "TimedOut"));
  g_assert_false (pw_notification_policy_matches (by_type, "etl", NULL, "CRASHED", "Crashed"));

  /* Flow names: any of them; tags: any of them; both: both. */
  pw_notification_policy_set_flow_names (by_type, flows);
  g_assert_true (pw_notification_policy_matches (by_type, "report", NULL, "FAILED", "Failed"));
  g_assert_false (pw_notification_policy_matches (by_type, "train", NULL, "FAILED", "Failed"));
  pw_notification_policy_set_tags (by_type, tags);
  g_assert_true (pw_notification_policy_matches (by_type, "etl", run_prod, "FAILED", "Failed"));
  g_assert_false (pw_notification_policy_matches (by_type, "etl", run_dev, "FAILED", "Failed"));
  g_assert_false (pw_notification_policy_matches (by_type, "etl", NULL, "FAILED", "Failed"));
  g_assert_false (pw_notification_policy_matches (by_type, "train", run_prod, "FAILED", "Failed"));
  pw_notification_policy_set_flow_names (by_type, NULL);
  g_assert_true (pw_notification_policy_matches (by_type, "train", run_prod, "FAILED", "Failed"));

  /* An inactive rule fires for nothing. */
  pw_notification_policy_set_active (by_type, FALSE);
  g_assert_false (pw_notification_policy_matches (by_type, "etl", run_prod, "FAILED", "Failed"));
}

static void
test_policy_validate (void)
{
  static const char * const misspelt[] = { "Crashd", NULL };
  static const char * const nonsense[] = { "Zzzzzzzzzzzz", NULL };
  static const char * const late[] = { "Late", "COMPLETED", NULL };
  g_autoptr(PwNotificationPolicy) rule = pw_notification_policy_new (NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (pw_notification_policy_validate (rule, &error));
  g_assert_error (error, PW_NOTIFICATION_ERROR, PW_NOTIFICATION_ERROR_NO_STATES);
  g_clear_error (&error);

  pw_notification_policy_set_states (rule, misspelt);
  g_assert_false (pw_notification_policy_validate (rule, &error));
  g_assert_error (error, PW_NOTIFICATION_ERROR, PW_NOTIFICATION_ERROR_UNKNOWN_STATE);
  g_assert_nonnull (strstr (error->message, "did you mean “Crashed”"));
  g_clear_error (&error);

  pw_notification_policy_set_states (rule, nonsense);
  g_assert_false (pw_notification_policy_validate (rule, &error));
  g_assert_error (error, PW_NOTIFICATION_ERROR, PW_NOTIFICATION_ERROR_UNKNOWN_STATE);
  g_clear_error (&error);

  pw_notification_policy_set_states (rule, late);
  g_assert_true (pw_notification_policy_validate (rule, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 4; i++)
    {
      static const char * const bad[] = {
        "ftp://example.com/hook", "example.com/hook", "http:///hook", "",
      };

      pw_notification_policy_set_webhook (rule, bad[i]);
      g_assert_false (pw_notification_policy_validate (rule, &error));
      g_assert_error (error, PW_NOTIFICATION_ERROR, PW_NOTIFICATION_ERROR_INVALID_WEBHOOK);
      g_clear_error (&error);
    }

  pw_notification_policy_set_webhook (rule, "https://hooks.example.com/T000/B000");
  g_assert_true (pw_notification_policy_validate (rule, &error));
}

static void
test_store_rules (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const states[] = { "Failed", "Crashed", NULL };
  static const char * const flows[] = { "etl", NULL };
  static const char * const tags[] = { "prod", "ml", NULL };
  static const char * const bad[] = { "Faild", NULL };
  g_autoptr(PwNotificationPolicy) rule = pw_notification_policy_new (states, "http://127.0.0.1:9/x");
  g_autoptr(PwNotificationPolicy) invalid = pw_notification_policy_new (bad, NULL);
  g_autoptr(PwNotificationPolicy) read = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  pw_notification_policy_set_flow_names (rule, flows);
  pw_notification_policy_set_tags (rule, tags);
  g_assert_true (pw_store_add_notification_rule (f->store.store, rule, &error));
  g_assert_no_error (error);
  g_assert_nonnull (pw_notification_policy_get_id (rule));
  g_assert_nonnull (pw_notification_policy_get_created (rule));
  id = g_strdup (pw_notification_policy_get_id (rule));

  g_assert_false (pw_store_add_notification_rule (f->store.store, invalid, &error));
  g_assert_error (error, PW_NOTIFICATION_ERROR, PW_NOTIFICATION_ERROR_UNKNOWN_STATE);
  g_clear_error (&error);

  read = pw_store_get_notification_rule (f->store.store, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_equal (pw_notification_policy_get_states (read), states));
  g_assert_true (g_strv_equal (pw_notification_policy_get_flow_names (read), flows));
  g_assert_true (g_strv_equal (pw_notification_policy_get_tags (read), tags));
  g_assert_cmpstr (pw_notification_policy_get_webhook (read), ==, "http://127.0.0.1:9/x");
  g_assert_true (pw_notification_policy_get_active (read));

  g_assert_true (pw_store_set_notification_rule_active (f->store.store, id, FALSE, &error));
  g_assert_no_error (error);
  rules = pw_store_list_notification_rules (f->store.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rules->len, ==, 1);
  g_assert_false (pw_notification_policy_get_active (g_ptr_array_index (rules, 0)));

  g_assert_true (pw_store_delete_notification_rule (f->store.store, id, &error));
  g_assert_no_error (error);
  g_assert_false (pw_store_delete_notification_rule (f->store.store, id, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (pw_store_set_notification_rule_active (f->store.store, id, TRUE, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pw_store_get_notification_rule (f->store.store, id, &error));
  g_assert_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND);
}

/* The notifier's matching */

static void
test_flow_rule (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *timed_out = NULL;
  g_autofree char *failed = NULL;
  PwNotification *notification;

  start (f);

  /* etl's own rule names TimedOut: a plain Failed run does not fire it,
   * nor does a TimedOut run of another flow. */
  timed_out = run_enters (f, "etl", NULL, PW_STATE_TYPE_FAILED, "TimedOut", "task a timed out");
  failed = run_enters (f, "etl", NULL, PW_STATE_TYPE_FAILED, NULL, "1/1 tasks failed");
  g_free (run_enters (f, "report", NULL, PW_STATE_TYPE_FAILED, "TimedOut", NULL));
  scan (f);

  g_assert_cmpuint (f->delivered->len, ==, 1);
  notification = g_ptr_array_index (f->delivered, 0);
  g_assert_cmpstr (pw_notification_get_flow_run_id (notification), ==, timed_out);
  g_assert_cmpstr (pw_notification_get_state_type (notification), ==, "FAILED");
  g_assert_cmpstr (pw_notification_get_state_name (notification), ==, "TimedOut");
  g_assert_cmpstr (pw_notification_get_flow_name (notification), ==, "etl");
  /* The flow's tags join the run's. */
  g_assert_true (g_strv_contains (pw_notification_get_tags (notification), "nightly"));
}

static void
test_global_rules (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const failed_type[] = { "FAILED", NULL };
  static const char * const crashed[] = { "Crashed", NULL };
  static const char * const late[] = { "Late", NULL };
  static const char * const report[] = { "report", NULL };
  static const char * const prod[] = { "prod", NULL };
  static const char * const dev[] = { "dev", NULL };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  add_rule (f, failed_type, report, NULL, NULL);   /* FAILED, flow report */
  add_rule (f, crashed, NULL, prod, NULL);         /* Crashed, tag prod */
  add_rule (f, late, NULL, NULL, NULL);            /* Late, anything */
  start (f);

  a = run_enters (f, "report", NULL, PW_STATE_TYPE_FAILED, "TimedOut", NULL);  /* yes */
  g_free (run_enters (f, "etl", NULL, PW_STATE_TYPE_FAILED, NULL, NULL));        /* no */
  b = run_enters (f, "etl", prod, PW_STATE_TYPE_CRASHED, NULL, "gone");          /* yes */
  g_free (run_enters (f, "etl", dev, PW_STATE_TYPE_CRASHED, NULL, NULL));        /* no */
  c = run_enters (f, "etl", dev, PW_STATE_TYPE_SCHEDULED, "Late", NULL);         /* yes */
  g_free (run_enters (f, "etl", dev, PW_STATE_TYPE_SCHEDULED, NULL, NULL));      /* no */
  d = run_enters (f, "report", NULL, PW_STATE_TYPE_COMPLETED, NULL, NULL);       /* no */
  scan (f);

  g_assert_cmpuint (f->delivered->len, ==, 3);
  g_assert_cmpstr (pw_notification_get_flow_run_id (g_ptr_array_index (f->delivered, 0)), ==, a);
  g_assert_cmpstr (pw_notification_get_flow_run_id (g_ptr_array_index (f->delivered, 1)), ==, b);
  g_assert_cmpstr (pw_notification_get_flow_run_id (g_ptr_array_index (f->delivered, 2)), ==, c);
}

static void
test_history_and_catch_up (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const crashed[] = { "CRASHED", NULL };
  g_autoptr(PwNotifier) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *while_down = NULL;
  g_autofree char *stale = NULL;

  add_rule (f, crashed, NULL, NULL, NULL);

  /* What happened before any notifier looked is history. */
  g_free (run_enters (f, "etl", NULL, PW_STATE_TYPE_CRASHED, NULL, NULL));
  start (f);
  g_assert_cmpuint (f->delivered->len, ==, 0);
  pw_notifier_stop (f->notifier);

  /* What happens while none runs is caught up on by the next one, unless
   * it is too old by then. */
  stale = run_enters (f, "etl", NULL, PW_STATE_TYPE_CRASHED, NULL, NULL);
  pw_fake_clock_advance (PW_FAKE_CLOCK (f->clock), 2 * G_TIME_SPAN_HOUR);
  while_down = run_enters (f, "etl", NULL, PW_STATE_TYPE_CRASHED, NULL, "its agent was killed");

  second = pw_notifier_new (f->store.store, f->clock);
  g_signal_connect (second, "deliver", G_CALLBACK (on_deliver), f);
  g_assert_true (pw_notifier_start (second, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->delivered->len, ==, 1);
  g_assert_cmpstr (pw_notification_get_flow_run_id (g_ptr_array_index (f->delivered, 0)), ==,
                   while_down);
  pw_notifier_stop (second);
}

static void
test_watch_signal (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const crashed[] = { "Crashed", NULL };
  g_autoptr(PwEngine) engine = pw_engine_new (f->store.store, f->clock);
  g_autofree char *id = NULL;

  add_rule (f, crashed, NULL, NULL, NULL);
  start (f);

  /* A watched object's flow-run-changed makes it look at once (in an idle),
   * without waiting for the periodic look on the clock. */
  pw_notifier_watch (f->notifier, G_OBJECT (engine));
  id = run_enters (f, "etl", NULL, PW_STATE_TYPE_CRASHED, NULL, NULL);
  g_signal_emit_by_name (engine, "flow-run-changed", id);
  while (f->delivered->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f->delivered->len, ==, 1);

  /* The periodic look runs on the notifier's clock. */
  g_free (run_enters (f, "etl", NULL, PW_STATE_TYPE_CRASHED, NULL, NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->delivered->len, ==, 1);
  pw_fake_clock_advance (PW_FAKE_CLOCK (f->clock), 5 * G_TIME_SPAN_SECOND);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->delivered->len, ==, 2);
  pw_notifier_stop (f->notifier);
}

/* Webhooks */

static void
on_posted (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static gboolean
post (PwWebhook   *webhook,
      const char  *url,
      guint       *attempts,
      GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pw_webhook_post_async (webhook, url, "{\"x\": 1}", NULL, on_posted, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return pw_webhook_post_finish (webhook, result, attempts, error);
}

static void
test_webhook_retries (void)
{
  g_autoptr(HookServer) hook = hook_server_new ();
  g_autoptr(PwWebhook) webhook = pw_webhook_new ();
  g_autoptr(GError) error = NULL;
  guint attempts = 0;

  pw_webhook_set_retry_delay_ms (webhook, 10, 40);
  pw_webhook_set_max_attempts (webhook, 4);

  /* 503, 503, then 200: delivered on the third attempt. */
  hook->fail_first = 2;
  g_assert_true (post (webhook, hook->url, &attempts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (attempts, ==, 3);
  g_assert_cmpuint (hook->bodies->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (hook->bodies, 2), ==, "{\"x\": 1}");
  g_assert_cmpstr (g_ptr_array_index (hook->content_types, 2), ==, "application/json");

  /* A 404 is final: asking again would not help. */
  hook->fail_first = 0;
  hook->status = SOUP_STATUS_NOT_FOUND;
  g_assert_false (post (webhook, hook->url, &attempts, &error));
  g_assert_error (error, PW_WEBHOOK_ERROR, PW_WEBHOOK_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, "404"));
  g_assert_cmpuint (attempts, ==, 1);
  g_clear_error (&error);

  /* Always 503: given up after the last attempt. */
  hook->fail_first = G_MAXUINT;
  g_assert_false (post (webhook, hook->url, &attempts, &error));
  g_assert_error (error, PW_WEBHOOK_ERROR, PW_WEBHOOK_ERROR_HTTP);
  g_assert_cmpuint (attempts, ==, 4);
  g_clear_error (&error);

  g_assert_false (post (webhook, "mailto:ops@example.com", &attempts, &error));
  g_assert_error (error, PW_WEBHOOK_ERROR, PW_WEBHOOK_ERROR_INVALID_URL);
}

static void
test_webhook_refused (void)
{
  g_autoptr(PwWebhook) webhook = pw_webhook_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url = closed_port_url ();
  guint attempts = 0;

  pw_webhook_set_retry_delay_ms (webhook, 10, 40);
  pw_webhook_set_max_attempts (webhook, 3);
  g_assert_false (post (webhook, url, &attempts, &error));
  g_assert_error (error, PW_WEBHOOK_ERROR, PW_WEBHOOK_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_cmpuint (attempts, ==, 3);
}

static gboolean
count_tick (gpointer data)
{
  (*(guint *)data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_webhook_slow (void)
{
  g_autoptr(HookServer) hook = hook_server_new ();
  g_autoptr(PwWebhook) webhook = pw_webhook_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint attempts = 0;
  guint ticks = 0;
  guint tick_id;

  hook->hang = TRUE;
  pw_webhook_set_timeout_ms (webhook, 150);
  pw_webhook_set_max_attempts (webhook, 2);
  pw_webhook_set_retry_delay_ms (webhook, 10, 10);

  /* The main loop goes on while the endpoint keeps us waiting. */
  tick_id = g_timeout_add (5, count_tick, &ticks);
  pw_webhook_post_async (webhook, hook->url, "{}", NULL, on_posted, &result);
  g_assert_null (result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);

  g_assert_false (pw_webhook_post_finish (webhook, result, &attempts, &error));
  g_assert_error (error, PW_WEBHOOK_ERROR, PW_WEBHOOK_ERROR_TIMED_OUT);
  g_assert_cmpuint (attempts, ==, 2);
  g_assert_cmpuint (hook->bodies->len, ==, 2);
  g_assert_cmpuint (ticks, >, 5);
}

static void
test_webhook_cancel (void)
{
  g_autoptr(HookServer) hook = hook_server_new ();
  g_autoptr(PwWebhook) webhook = pw_webhook_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled while waiting between attempts: it ends at once. */
  hook->fail_first = G_MAXUINT;
  pw_webhook_set_retry_delay_ms (webhook, 60000, 60000);
  pw_webhook_post_async (webhook, hook->url, "{}", cancellable, on_posted, &result);
  while (hook->bodies->len == 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (pw_webhook_post_finish (webhook, result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The notifier's webhooks */

static void
test_webhook_body (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const failed[] = { "Failed", NULL };
  static const char * const tags[] = { "prod", NULL };
  g_autoptr(HookServer) hook = hook_server_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowRun) run = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  JsonObject *body, *member;
  guint attempts = 0;

  add_rule (f, failed, NULL, NULL, hook->url);
  start (f);
  id = run_enters (f, "etl", tags, PW_STATE_TYPE_FAILED, NULL, "1/3 tasks failed");
  scan (f);
  g_assert_cmpuint (pw_notifier_get_n_sending (f->notifier), ==, 1);
  iterate_until (nothing_sending, f);

  g_assert_cmpuint (hook->bodies->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (hook->content_types, 0), ==, "application/json");
  json_parser_load_from_data (parser, g_ptr_array_index (hook->bodies, 0), -1, &error);
  g_assert_no_error (error);
  body = json_node_get_object (json_parser_get_root (parser));
  run = pw_store_get_flow_run (f->store.store, id, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (json_object_get_string_member (body, "event"), ==, "pipewright.flow-run.Failed");
  g_assert_nonnull (strstr (json_object_get_string_member (body, "text"), "1/3 tasks failed"));
  member = json_object_get_object_member (body, "flow_run");
  g_assert_cmpstr (json_object_get_string_member (member, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (member, "name"), ==, pw_flow_run_get_name (run));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (member, "tags")), ==, 2);
  member = json_object_get_object_member (body, "flow");
  g_assert_cmpstr (json_object_get_string_member (member, "name"), ==, "etl");
  g_assert_cmpint (json_object_get_int_member (member, "version"), ==, 1);
  g_assert_true (json_object_get_null_member (body, "deployment"));
  member = json_object_get_object_member (body, "state");
  g_assert_cmpstr (json_object_get_string_member (member, "type"), ==, "FAILED");
  g_assert_cmpstr (json_object_get_string_member (member, "name"), ==, "Failed");
  g_assert_cmpstr (json_object_get_string_member (member, "message"), ==, "1/3 tasks failed");
  g_assert_cmpstr (json_object_get_string_member (member, "timestamp"), ==, "2026-11-01T00:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (body, "time"), ==, "2026-11-01T00:00:00Z");

  g_assert_true (pw_store_get_webhook_delivery (f->store.store, id, "FAILED", "Failed", hook->url,
                                                &status, &attempts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status, ==, "delivered");
  g_assert_cmpuint (attempts, ==, 1);
  g_assert_cmpuint (f->n_finished, ==, 1);
  g_assert_cmpuint (f->n_failed, ==, 0);
  pw_notifier_stop (f->notifier);
}

static void
test_flow_webhook (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(HookServer) hook = hook_server_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PwFlowInfo) info = NULL;
  g_autofree char *doc = NULL;

  /* Only the flow's own rule. Version 1's has no webhook: the desktop is
   * told, nothing is sent. Version 2's has one: it is sent to. */
  start (f);
  g_free (run_enters (f, "etl", NULL, PW_STATE_TYPE_FAILED, "TimedOut", NULL));
  doc = g_strdup_printf ("{\"format\": \"pipewright-flow/1\", \"name\": \"etl\","
                         " \"notifications\": [{\"states\": [\"TimedOut\"], \"webhook\": \"%s\"}],"
                         " \"tasks\": [{\"key\": \"a\", \"kind\": \"noop\"}]}", hook->url);
  info = pw_store_save_flow (f->store.store, "etl", NULL, NULL, 1, doc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pw_flow_info_get_version (info), ==, 2);
  g_free (run_enters (f, "etl", NULL, PW_STATE_TYPE_FAILED, "TimedOut", "task a timed out"));
  scan (f);
  iterate_until (nothing_sending, f);
  g_assert_cmpuint (f->delivered->len, ==, 2);
  g_assert_cmpuint (hook->bodies->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (hook->bodies, 0), "\"version\":2"));
  pw_notifier_stop (f->notifier);
}

static void
test_webhook_down (Fixture       *f,
                   gconstpointer  data)
{
  static const char * const crashed[] = { "CRASHED", NULL };
  g_autofree char *url = closed_port_url ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  g_autofree char *message = NULL;
  guint attempts = 0;

  add_rule (f, crashed, NULL, NULL, url);
  start (f);
  id = run_enters (f, "etl", NULL, PW_STATE_TYPE_CRASHED, NULL, NULL);

  /* Retried, then given up with the reason in the log and the store. */
  g_test_expect_message ("pw-notifier", G_LOG_LEVEL_WARNING,
                         "Could not notify*gave up after 3 attempts: Could not reach*");
  scan (f);
  iterate_until (nothing_sending, f);
  g_test_assert_expected_messages ();

  g_assert_true (pw_store_get_webhook_delivery (f->store.store, id, "CRASHED", "Crashed", url,
                                                &status, &attempts, &message, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (status, ==, "failed");
  g_assert_cmpuint (attempts, ==, 3);
  g_assert_nonnull (strstr (message, "Could not reach"));
  g_assert_cmpuint (f->n_failed, ==, 1);
  /* The desktop is told all the same. */
  g_assert_cmpuint (f->delivered->len, ==, 1);
  pw_notifier_stop (f->notifier);
}

static void
test_webhook_slow_notifier (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const crashed[] = { "Crashed", NULL };
  g_autoptr(HookServer) hook = hook_server_new ();
  guint ticks = 0;
  guint tick_id;

  hook->hang = TRUE;
  pw_webhook_set_timeout_ms (pw_notifier_get_webhook (f->notifier), 100);
  pw_webhook_set_max_attempts (pw_notifier_get_webhook (f->notifier), 2);
  add_rule (f, crashed, NULL, NULL, hook->url);
  start (f);

  /* The look returns at once, the POST in flight. */
  g_free (run_enters (f, "etl", NULL, PW_STATE_TYPE_CRASHED, NULL, NULL));
  scan (f);
  g_assert_cmpuint (pw_notifier_get_n_sending (f->notifier), ==, 1);
  g_assert_cmpuint (f->delivered->len, ==, 1);

  tick_id = g_timeout_add (5, count_tick, &ticks);
  g_test_expect_message ("pw-notifier", G_LOG_LEVEL_WARNING,
                         "Could not notify*gave up after 2 attempts:*did not answer within 0.1 s*");
  iterate_until (nothing_sending, f);
  g_test_assert_expected_messages ();
  g_source_remove (tick_id);
  g_assert_cmpuint (ticks, >, 5);
  g_assert_cmpuint (hook->bodies->len, ==, 2);
  pw_notifier_stop (f->notifier);
}

static void
count_deliver (PwNotifier     *notifier,
               PwNotification *notification,
               guint          *count)
{
  (*count)++;
}

static void
test_no_duplicates (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const failed[] = { "FAILED", NULL };
  static const char * const failed_name[] = { "Failed", NULL };
  g_autoptr(HookServer) hook = hook_server_new ();
  g_autoptr(PwStore) other_store = NULL;
  g_autoptr(PwNotifier) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PwState) again = NULL;
  g_autofree char *id = NULL;
  guint other_delivered = 0;

  /* Three rules with one URL (two global, one of the flow's own): one
   * POST. */
  add_rule (f, failed, NULL, NULL, hook->url);
  add_rule (f, failed_name, NULL, NULL, hook->url);
  {
    g_autofree char *doc = g_strdup_printf ("{\"format\": \"pipewright-flow/1\", \"name\": \"etl\","
                                            " \"notifications\": [{\"states\": [\"Failed\"],"
                                            " \"webhook\": \"%s\"}],"
                                            " \"tasks\": [{\"key\": \"a\", \"kind\": \"noop\"}]}",
                                            hook->url);
    g_autoptr(PwFlowInfo) info = pw_store_save_flow (f->store.store, "etl", NULL, NULL, 1, doc, &error);

    g_assert_no_error (error);
  }

  /* A second process: another store handle on the file, its own notifier. */
  other_store = pw_store_open (f->store.path, &error);
  g_assert_no_error (error);
  other = pw_notifier_new (other_store, f->clock);
  g_signal_connect (other, "deliver", G_CALLBACK (count_deliver), &other_delivered);
  start (f);
  g_assert_true (pw_notifier_start (other, &error));
  g_assert_no_error (error);

  id = run_enters (f, "etl", NULL, PW_STATE_TYPE_FAILED, NULL, NULL);
  scan (f);
  scan (f);
  g_assert_true (pw_notifier_scan (other, &error));
  g_assert_no_error (error);

  /* The same state stored again (a second row for it). */
  again = pw_state_new (PW_STATE_TYPE_FAILED, NULL, NULL);
  pw_store_set_flow_run_state (f->store.store, id, again, &error);
  g_assert_no_error (error);
  scan (f);
  g_assert_true (pw_notifier_scan (other, &error));
  g_assert_no_error (error);

  iterate_until (nothing_sending, f);
  while (pw_notifier_get_n_sending (other) > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (hook->bodies->len, ==, 1);
  /* Each process tells its own desktop once. */
  g_assert_cmpuint (f->delivered->len, ==, 1);
  g_assert_cmpuint (other_delivered, ==, 1);

  pw_notifier_stop (other);
  pw_notifier_stop (f->notifier);
  g_assert_finalize_object (g_steal_pointer (&other));
}

static void
test_cancel_sending (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const crashed[] = { "Crashed", NULL };
  g_autoptr(HookServer) hook = hook_server_new ();
  g_autofree char *id = NULL;
  g_autofree char *status = NULL;
  g_autoptr(GError) error = NULL;

  hook->hang = TRUE;
  add_rule (f, crashed, NULL, NULL, hook->url);
  start (f);
  id = run_enters (f, "etl", NULL, PW_STATE_TYPE_CRASHED, NULL, NULL);
  scan (f);
  while (hook->bodies->len == 0)
    g_main_context_iteration (NULL, TRUE);

  g_test_expect_message ("pw-notifier", G_LOG_LEVEL_WARNING,
                         "Could not notify*gave up after 1 attempt: The webhook delivery was cancelled");
  pw_notifier_cancel (f->notifier);
  iterate_until (nothing_sending, f);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (f->n_failed, ==, 1);
  g_assert_true (pw_store_get_webhook_delivery (f->store.store, id, "CRASHED", "Crashed",
                                                hook->url, &status, NULL, NULL, &error));
  g_assert_cmpstr (status, ==, "failed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/Notifier/policy/matches", test_policy_matches);
  g_test_add_func ("/Notifier/policy/validate", test_policy_validate);
  ADD ("/Notifier/store/rules", test_store_rules);
  ADD ("/Notifier/match/flow-rule", test_flow_rule);
  ADD ("/Notifier/match/global-rules", test_global_rules);
  ADD ("/Notifier/match/history-and-catch-up", test_history_and_catch_up);
  ADD ("/Notifier/match/watch", test_watch_signal);
  g_test_add_func ("/Notifier/webhook/retries", test_webhook_retries);
  g_test_add_func ("/Notifier/webhook/refused", test_webhook_refused);
  g_test_add_func ("/Notifier/webhook/slow", test_webhook_slow);
  g_test_add_func ("/Notifier/webhook/cancel", test_webhook_cancel);
  ADD ("/Notifier/deliver/body", test_webhook_body);
  ADD ("/Notifier/deliver/flow-webhook", test_flow_webhook);
  ADD ("/Notifier/deliver/endpoint-down", test_webhook_down);
  ADD ("/Notifier/deliver/endpoint-slow", test_webhook_slow_notifier);
  ADD ("/Notifier/deliver/no-duplicates", test_no_duplicates);
  ADD ("/Notifier/deliver/cancel", test_cancel_sending);
#undef ADD

  return g_test_run ();
}
