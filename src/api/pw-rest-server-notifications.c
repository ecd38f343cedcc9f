/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-rest-server-private.h"

/*
 * Pipewright's global notification rules, under /api/pipewright/ (Prefect's
 * /flow_run_notification_policies/ send through block documents Pipewright
 * has not, so they are not imitated):
 *
 *   GET    notification_policies          [Policy]
 *   POST   notification_policies          Policy → Policy (201)
 *   DELETE notification_policies/{id}     204
 *
 * Policy = {id, created, is_active, state_names, tags, flow_names, webhook},
 * the first members spelled as Prefect's FlowRunNotificationPolicy.
 */

void
pw_rest_write_notification_policy (PwJsonWriter         *w,
                                   PwNotificationPolicy *policy)
{
  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "id");
  pw_json_writer_string (w, pw_notification_policy_get_id (policy));
  pw_json_writer_member (w, "created");
  pw_json_writer_time (w, pw_notification_policy_get_created (policy));
  pw_json_writer_member (w, "is_active");
  pw_json_writer_bool (w, pw_notification_policy_get_active (policy));
  pw_json_writer_member (w, "state_names");
  pw_json_writer_strv (w, pw_notification_policy_get_states (policy));
  pw_json_writer_member (w, "tags");
  pw_json_writer_strv (w, pw_notification_policy_get_tags (policy));
  pw_json_writer_member (w, "flow_names");
  pw_json_writer_strv (w, pw_notification_policy_get_flow_names (policy));
  pw_json_writer_member (w, "webhook");
  pw_json_writer_string (w, pw_notification_policy_get_webhook (policy));
  pw_json_writer_end_object (w);
}

/**
 * pw_rest_read_notification_policy:
 *
 * Returns: (transfer full): the rule a Policy object describes, or %NULL
 *   with problems added
 */
PwNotificationPolicy *
pw_rest_read_notification_policy (JsonNode       *node,
                                  const char     *loc,
                                  PwRestProblems *problems)
{
  static const char * const members[] = {
    "id", "created", "is_active", "state_names", "tags", "flow_names", "webhook", NULL
  };
  g_autoptr(PwNotificationPolicy) policy = NULL;
  g_auto(GStrv) states = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) flows = NULL;
  g_autofree char *at = NULL;
  guint n = pw_rest_problems_get_n (problems);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pw_rest_problems_add (problems, loc, "type_error.dict", "value is not a valid dict");
      return NULL;
    }
  object = json_node_get_object (node);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (members, name))
      {
        g_free (at);
        at = g_strdup_printf ("%s.%s", loc, name);
        pw_rest_problems_add (problems, at, "value_error.extra", "extra fields not permitted");
      }

  g_free (at);
  at = g_strdup_printf ("%s.state_names", loc);
  states = pw_rest_member_strv (object, "state_names", at, problems);
  g_free (at);
  at = g_strdup_printf ("%s.tags", loc);
  tags = pw_rest_member_strv (object, "tags", at, problems);
  g_free (at);
  at = g_strdup_printf ("%s.flow_names", loc);
  flows = pw_rest_member_strv (object, "flow_names", at, problems);
  if (pw_rest_problems_get_n (problems) > n)
    return NULL;

  policy = pw_notification_policy_new ((const char * const *)states, pw_rest_member_string (object, "webhook"));
  pw_notification_policy_set_id (policy, pw_rest_member_string (object, "id"));
  pw_notification_policy_set_tags (policy, (const char * const *)tags);
  pw_notification_policy_set_flow_names (policy, (const char * const *)flows);
  value = json_object_get_member (object, "is_active");
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    pw_notification_policy_set_active (policy, json_node_get_boolean (value));
  {
    g_autoptr(GDateTime) created = pw_rest_member_time (object, "created", "created", NULL);

    if (created != NULL)
      pw_notification_policy_set_created (policy, created);
  }
  return g_steal_pointer (&policy);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  PwRestCall *call = user_data;
  g_autoptr(GListModel) policies = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  policies = pw_backend_list_notification_policies_finish (PW_BACKEND (object), result, &error);
  if (policies == NULL)
    pw_rest_call_error (call, error, "Notification policy not found");
  else
    {
      pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
      pw_json_writer_begin_array (&w);
      for (guint i = 0; i < g_list_model_get_n_items (policies); i++)
        {
          g_autoptr(PwNotificationPolicy) policy = g_list_model_get_item (policies, i);
          pw_rest_write_notification_policy (&w, policy);
        }
      pw_json_writer_end_array (&w);
    }
  pw_rest_call_finish (call);
}

static void
list_cb (PwRestCall *call)
{
  pw_rest_call_defer (call);
  pw_backend_list_notification_policies_async (pw_rest_server_get_backend (call->server), NULL,
                                               listed_cb, call);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PwRestCall *call = user_data;
  g_autoptr(PwNotificationPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  policy = pw_backend_add_notification_policy_finish (PW_BACKEND (object), result, &error);
  if (policy == NULL)
    {
      if (error->domain == PW_NOTIFICATION_ERROR)
        pw_rest_call_invalid (call, "body", "value_error", error->message);
      else
        pw_rest_call_error (call, error, "Notification policy not found");
    }
  else
    {
      pw_rest_call_begin_json (call, SOUP_STATUS_CREATED, &w);
      pw_rest_write_notification_policy (&w, policy);
    }
  pw_rest_call_finish (call);
}

static void
add_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwNotificationPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;

  policy = pw_rest_read_notification_policy (call->body, "body", problems);
  if (policy == NULL)
    {
      pw_rest_call_problems (call, problems);
      return;
    }
  if (!pw_notification_policy_validate (policy, &error))
    {
      pw_rest_call_invalid (call, "body", "value_error", error->message);
      return;
    }
  pw_rest_call_defer (call);
  pw_backend_add_notification_policy_async (pw_rest_server_get_backend (call->server), policy, NULL,
                                            added_cb, call);
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  PwRestCall *call = user_data;
  g_autoptr(GError) error = NULL;

  if (pw_backend_delete_notification_policy_finish (PW_BACKEND (object), result, &error))
    pw_rest_call_empty (call, SOUP_STATUS_NO_CONTENT);
  else
    pw_rest_call_error (call, error, "Notification policy not found");
  pw_rest_call_finish (call);
}

static void
delete_cb (PwRestCall *call)
{
  pw_rest_call_defer (call);
  pw_backend_delete_notification_policy_async (pw_rest_server_get_backend (call->server),
                                               call->params[0], NULL, deleted_cb, call);
}

static const PwRestRoute routes[] = {
  { "GET", "pipewright/notification_policies", list_cb, PW_REST_ROUTE_MAIN },
  { "POST", "pipewright/notification_policies", add_cb, PW_REST_ROUTE_MAIN | PW_REST_ROUTE_BODY },
  { "DELETE", "pipewright/notification_policies/*", delete_cb, PW_REST_ROUTE_MAIN },
};

void
_pw_rest_server_add_notification_routes (PwRestServer *self)
{
  pw_rest_server_add_routes (self, routes, G_N_ELEMENTS (routes));
}
