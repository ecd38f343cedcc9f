/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-backend.h"
#include "pw-rest-json.h"

/*
 * Deployments and work queues as Prefect 2.7 writes them (API.md §9–10,
 * fixtures/deployment.json, work_queue.json, work_queue_status.json), and
 * back. What Prefect keeps for Python code (entrypoint, path, storage and
 * infrastructure documents, a parameter schema) Pipewright has not: those
 * are written as Prefect writes them when unset.
 */

/**
 * pw_rest_write_deployment:
 *
 * Writes a Prefect Deployment.
 */
void
pw_rest_write_deployment (PwJsonWriter *w,
                          PwDeployment *deployment)
{
  PwSchedule *schedule = pw_deployment_get_schedule (deployment);
  static const char * const unset[] = {
    "parameter_openapi_schema", "path", "entrypoint", "manifest_path", "storage_document_id",
    "infrastructure_document_id", "created_by", "updated_by", "work_pool_name", NULL
  };

  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "id");
  pw_json_writer_string (w, pw_deployment_get_id (deployment));
  pw_json_writer_member (w, "created");
  pw_json_writer_time (w, pw_deployment_get_created (deployment));
  pw_json_writer_member (w, "updated");
  pw_json_writer_time (w, pw_deployment_get_updated (deployment));
  pw_json_writer_member (w, "name");
  pw_json_writer_string (w, pw_deployment_get_name (deployment));
  pw_json_writer_member (w, "version");
  pw_json_writer_null (w);
  pw_json_writer_member (w, "description");
  pw_json_writer_string (w, pw_deployment_get_description (deployment));
  pw_json_writer_member (w, "flow_id");
  pw_json_writer_string (w, pw_deployment_get_flow_id (deployment));
  pw_json_writer_member (w, "schedule");
  if (schedule != NULL)
    {
      g_autoptr(JsonNode) node = pw_schedule_to_json (schedule);
      pw_json_writer_node (w, node);
    }
  else
    pw_json_writer_null (w);
  pw_json_writer_member (w, "is_schedule_active");
  pw_json_writer_bool (w, !pw_deployment_get_paused (deployment));
  pw_json_writer_member (w, "infra_overrides");
  pw_json_writer_raw (w, "{}", "{}");
  pw_json_writer_member (w, "parameters");
  pw_json_writer_raw (w, pw_deployment_get_parameters (deployment), "{}");
  pw_json_writer_member (w, "tags");
  pw_json_writer_strv (w, pw_deployment_get_tags (deployment));
  pw_json_writer_member (w, "work_queue_name");
  pw_json_writer_string (w, pw_deployment_get_work_queue_name (deployment));
  for (guint i = 0; unset[i] != NULL; i++)
    {
      pw_json_writer_member (w, unset[i]);
      pw_json_writer_null (w);
    }
  pw_json_writer_end_object (w);
}

/**
 * pw_rest_write_work_queue:
 *
 * Writes a Prefect WorkQueue. A tag filter is Prefect's deprecated
 * `filter` (`{"tags": [...], "deployment_ids": null}`).
 */
void
pw_rest_write_work_queue (PwJsonWriter *w,
                          PwWorkQueue  *queue)
{
  const char * const *tags = pw_work_queue_get_tag_filter (queue);
  int limit = pw_work_queue_get_concurrency_limit (queue);

  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "id");
  pw_json_writer_string (w, pw_work_queue_get_id (queue));
  pw_json_writer_member (w, "created");
  pw_json_writer_time (w, pw_work_queue_get_created (queue));
  pw_json_writer_member (w, "updated");
  pw_json_writer_time (w, pw_work_queue_get_updated (queue));
  pw_json_writer_member (w, "name");
  pw_json_writer_string (w, pw_work_queue_get_name (queue));
  pw_json_writer_member (w, "description");
  pw_json_writer_string (w, pw_work_queue_get_description (queue) != NULL
                              ? pw_work_queue_get_description (queue) : "");
  pw_json_writer_member (w, "is_paused");
  pw_json_writer_bool (w, pw_work_queue_get_paused (queue));
  pw_json_writer_member (w, "concurrency_limit");
  if (limit >= 0)
    pw_json_writer_int (w, limit);
  else
    pw_json_writer_null (w);
  pw_json_writer_member (w, "priority");
  pw_json_writer_int (w, MAX (1, pw_work_queue_get_priority (queue)));
  pw_json_writer_member (w, "work_pool_id");
  pw_json_writer_null (w);
  pw_json_writer_member (w, "filter");
  if (tags != NULL && tags[0] != NULL)
    {
      pw_json_writer_begin_object (w);
      pw_json_writer_member (w, "tags");
      pw_json_writer_strv (w, tags);
      pw_json_writer_member (w, "deployment_ids");
      pw_json_writer_null (w);
      pw_json_writer_end_object (w);
    }
  else
    pw_json_writer_null (w);
  pw_json_writer_member (w, "last_polled");
  pw_json_writer_time (w, pw_work_queue_get_last_polled (queue));
  pw_json_writer_end_object (w);
}

/**
 * pw_rest_write_work_queue_status:
 *
 * Writes `/work_queues/{id}/status` (fixtures/work_queue_status.json).
 */
void
pw_rest_write_work_queue_status (PwJsonWriter      *w,
                                 PwWorkQueueStatus *status)
{
  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "healthy");
  pw_json_writer_bool (w, status->healthy);
  pw_json_writer_member (w, "late_runs_count");
  pw_json_writer_int (w, status->late_runs);
  pw_json_writer_member (w, "last_polled");
  pw_json_writer_time (w, status->last_polled);
  pw_json_writer_member (w, "health_check_policy");
  pw_json_writer_begin_object (w);
  pw_json_writer_member (w, "maximum_late_runs");
  pw_json_writer_int (w, 0);
  pw_json_writer_member (w, "maximum_seconds_since_last_polled");
  pw_json_writer_int (w, PW_WORK_QUEUE_HEALTHY_POLL_SECONDS);
  pw_json_writer_end_object (w);
  pw_json_writer_end_object (w);
}

static GError *
read_error (const char *what,
            const char *detail)
{
  return g_error_new (PW_BACKEND_ERROR, PW_BACKEND_ERROR_FAILED,
                      _("The server sent a %s that cannot be read: %s"), what, detail);
}

static void
set_time (GObject    *object,
          const char *property,
          JsonObject *json,
          const char *member)
{
  g_autoptr(GDateTime) time = pw_rest_member_time (json, member, member, NULL);

  g_object_set (object, property, time, NULL);
}

/**
 * pw_rest_read_deployment:
 * @node: a Prefect Deployment
 *
 * Returns: (transfer full): the deployment (without its flow's name, which
 *   a Deployment does not carry), or %NULL with @error set. A schedule
 *   Pipewright cannot read (a cron with Prefect's extensions …) is dropped
 *   with a warning rather than failing the whole list.
 */
PwDeployment *
pw_rest_read_deployment (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(PwDeployment) deployment = NULL;
  g_autofree char *parameters = NULL;
  g_auto(GStrv) tags = NULL;
  JsonObject *object;
  JsonNode *schedule;
  JsonNode *active;
  const char *id;
  const char *name;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, read_error (_("deployment"), _("not a JSON object")));
      return NULL;
    }
  object = json_node_get_object (node);
  id = pw_rest_member_string (object, "id");
  name = pw_rest_member_string (object, "name");
  if (id == NULL || name == NULL)
    {
      g_propagate_error (error, read_error (_("deployment"), _("it has no id or name")));
      return NULL;
    }

  deployment = pw_deployment_new (NULL, name);
  pw_deployment_set_id (deployment, id);
  pw_deployment_set_flow_id (deployment, pw_rest_member_string (object, "flow_id"));
  pw_deployment_set_description (deployment, pw_rest_member_string (object, "description"));
  parameters = pw_rest_node_to_string (json_object_get_member (object, "parameters"));
  pw_deployment_set_parameters (deployment, parameters != NULL ? parameters : "{}");
  tags = pw_rest_member_strv (object, "tags", "tags", NULL);
  pw_deployment_set_tags (deployment, (const char * const *)tags);
  pw_deployment_set_work_queue_name (deployment, pw_rest_member_string (object, "work_queue_name"));
  active = json_object_get_member (object, "is_schedule_active");
  pw_deployment_set_paused (deployment, active != NULL && JSON_NODE_HOLDS_VALUE (active) &&
                                        json_node_get_value_type (active) == G_TYPE_BOOLEAN &&
                                        !json_node_get_boolean (active));
  set_time (G_OBJECT (deployment), "created", object, "created");
  set_time (G_OBJECT (deployment), "updated", object, "updated");

  schedule = json_object_get_member (object, "schedule");
  if (schedule != NULL && JSON_NODE_HOLDS_OBJECT (schedule))
    {
      g_autoptr(GError) schedule_error = NULL;
      g_autoptr(PwSchedule) parsed = pw_schedule_new_from_json (schedule, &schedule_error);

      if (parsed != NULL)
        pw_deployment_set_schedule (deployment, parsed);
      else
        g_warning ("Deployment “%s”: its schedule cannot be read: %s", name, schedule_error->message);
    }

  return g_steal_pointer (&deployment);
}

/**
 * pw_rest_read_work_queue:
 * @node: a Prefect WorkQueue
 *
 * Returns: (transfer full): the queue, or %NULL with @error set
 */
PwWorkQueue *
pw_rest_read_work_queue (JsonNode  *node,
                         GError   **error)
{
  g_autoptr(PwWorkQueue) queue = NULL;
  JsonObject *object;
  JsonNode *member;
  const char *name;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, read_error (_("work queue"), _("not a JSON object")));
      return NULL;
    }
  object = json_node_get_object (node);
  name = pw_rest_member_string (object, "name");
  if (name == NULL || pw_rest_member_string (object, "id") == NULL)
    {
      g_propagate_error (error, read_error (_("work queue"), _("it has no id or name")));
      return NULL;
    }

  queue = pw_work_queue_new (name);
  pw_work_queue_set_id (queue, pw_rest_member_string (object, "id"));
  pw_work_queue_set_description (queue, pw_rest_member_string (object, "description"));
  member = json_object_get_member (object, "is_paused");
  pw_work_queue_set_paused (queue, member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
                                   json_node_get_value_type (member) == G_TYPE_BOOLEAN &&
                                   json_node_get_boolean (member));
  member = json_object_get_member (object, "concurrency_limit");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_INT64 && json_node_get_int (member) >= 0)
    pw_work_queue_set_concurrency_limit (queue, (int)MIN (json_node_get_int (member), G_MAXINT));
  else
    pw_work_queue_set_concurrency_limit (queue, PW_WORK_QUEUE_NO_LIMIT);
  member = json_object_get_member (object, "priority");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_INT64 && json_node_get_int (member) >= 1)
    pw_work_queue_set_priority (queue, (guint)MIN (json_node_get_int (member), G_MAXUINT));
  member = json_object_get_member (object, "filter");
  if (member != NULL && JSON_NODE_HOLDS_OBJECT (member))
    {
      g_auto(GStrv) tags = pw_rest_member_strv (json_node_get_object (member), "tags", "filter.tags", NULL);
      pw_work_queue_set_tag_filter (queue, (const char * const *)tags);
    }
  set_time (G_OBJECT (queue), "last-polled", object, "last_polled");
  set_time (G_OBJECT (queue), "created", object, "created");
  set_time (G_OBJECT (queue), "updated", object, "updated");
  return g_steal_pointer (&queue);
}

/**
 * pw_rest_read_work_queue_status:
 *
 * Returns: (transfer full): the status, or %NULL with @error set
 */
PwWorkQueueStatus *
pw_rest_read_work_queue_status (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(PwWorkQueueStatus) status = NULL;
  JsonObject *object;
  JsonNode *member;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, read_error (_("work queue status"), _("not a JSON object")));
      return NULL;
    }
  object = json_node_get_object (node);
  status = pw_work_queue_status_new ();
  member = json_object_get_member (object, "healthy");
  status->healthy = member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
                    json_node_get_value_type (member) == G_TYPE_BOOLEAN &&
                    json_node_get_boolean (member);
  status->late_runs = (guint)MAX (0, pw_rest_member_double (object, "late_runs_count"));
  status->last_polled = pw_rest_member_time (object, "last_polled", "last_polled", NULL);
  return g_steal_pointer (&status);
}

/* Filters: deployments and queues are few, so they are filtered here
 * rather than in SQL. */

static gboolean
strv_has_all (const char * const *have,
              const char * const *want)
{
  for (guint i = 0; want != NULL && want[i] != NULL; i++)
    if (have == NULL || !g_strv_contains (have, want[i]))
      return FALSE;
  return TRUE;
}

static gboolean
in_list (const char * const *list,
         const char         *value)
{
  return list == NULL || (value != NULL && g_strv_contains (list, value));
}

static gboolean
contains_casefold (const char *text,
                   const char *part)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (part == NULL)
    return TRUE;
  if (text == NULL)
    return FALSE;
  a = g_utf8_casefold (text, -1);
  b = g_utf8_casefold (part, -1);
  return strstr (a, b) != NULL;
}

/**
 * pw_rest_deployment_matches:
 *
 * Returns: whether @deployment passes @filter (deployments are few: they
 *   are filtered here rather than in SQL)
 */
gboolean
pw_rest_deployment_matches (const PwRestDeploymentFilter *f,
                            PwDeployment                 *deployment)
{
  const char * const *tags = pw_deployment_get_tags (deployment);
  gboolean no_tags = tags == NULL || tags[0] == NULL;

  if (f == NULL)
    return TRUE;
  return in_list ((const char * const *)f->id_any, pw_deployment_get_id (deployment)) &&
         in_list ((const char * const *)f->name_any, pw_deployment_get_name (deployment)) &&
         contains_casefold (pw_deployment_get_name (deployment), f->name_like) &&
         (f->is_schedule_active < 0 ||
          (f->is_schedule_active != 0) == !pw_deployment_get_paused (deployment)) &&
         strv_has_all (tags, (const char * const *)f->tags_all) &&
         (f->tags_is_null == PW_NULL_FILTER_ANY ||
          (f->tags_is_null == PW_NULL_FILTER_IS_NULL) == no_tags) &&
         in_list ((const char * const *)f->work_queue_name_any, pw_deployment_get_work_queue_name (deployment)) &&
         in_list ((const char * const *)f->flow_id_any, pw_deployment_get_flow_id (deployment)) &&
         in_list ((const char * const *)f->flow_name_any, pw_deployment_get_flow_name (deployment));
}

gboolean
pw_rest_work_queue_matches (const PwRestWorkQueueFilter *f,
                            PwWorkQueue                 *queue)
{
  gboolean prefixed;

  if (f == NULL)
    return TRUE;
  prefixed = f->name_startswith == NULL;
  for (guint i = 0; f->name_startswith != NULL && f->name_startswith[i] != NULL; i++)
    prefixed = prefixed || g_str_has_prefix (pw_work_queue_get_name (queue), f->name_startswith[i]);
  return prefixed &&
         in_list ((const char * const *)f->id_any, pw_work_queue_get_id (queue)) &&
         in_list ((const char * const *)f->name_any, pw_work_queue_get_name (queue));
}
