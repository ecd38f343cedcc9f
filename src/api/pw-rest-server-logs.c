/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-rest-server-private.h"

/*
 * /logs/ (API.md §8): a batch of lines in, lines out by filter.
 */

static const char * const log_members[] = {
  "name", "level", "message", "timestamp", "flow_run_id", "task_run_id", NULL
};

static PwLogEntry *
read_line (JsonNode       *node,
           guint           index,
           PwRestProblems *problems)
{
  g_autofree char *loc = g_strdup_printf ("body.%u", index);
  g_autofree char *at = NULL;
  g_autoptr(GDateTime) timestamp = NULL;
  guint n_problems = pw_rest_problems_get_n (problems);
  const char *required[] = { "name", "message", "flow_run_id" };
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  JsonObject *object;
  JsonNode *level;
  JsonNode *task_run_id;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pw_rest_problems_add (problems, loc, "type_error.dict", "value is not a valid dict");
      return NULL;
    }
  object = json_node_get_object (node);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member, &value))
    if (!g_strv_contains (log_members, member))
      {
        g_free (at);
        at = g_strdup_printf ("%s.%s", loc, member);
        pw_rest_problems_add (problems, at, "value_error.extra", "extra fields not permitted");
      }

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (pw_rest_member_string (object, required[i]) == NULL)
      {
        g_free (at);
        at = g_strdup_printf ("%s.%s", loc, required[i]);
        if (json_object_has_member (object, required[i]))
          pw_rest_problems_add (problems, at, "type_error.str", "str type expected");
        else
          pw_rest_problems_add (problems, at, "value_error.missing", "field required");
      }

  level = json_object_get_member (object, "level");
  g_free (at);
  at = g_strdup_printf ("%s.level", loc);
  if (level == NULL)
    pw_rest_problems_add (problems, at, "value_error.missing", "field required");
  else if (!JSON_NODE_HOLDS_VALUE (level) || json_node_get_value_type (level) != G_TYPE_INT64 ||
           json_node_get_int (level) < 0 || json_node_get_int (level) > G_MAXINT)
    pw_rest_problems_add (problems, at, "type_error.integer", "value is not a valid integer");

  task_run_id = json_object_get_member (object, "task_run_id");
  if (task_run_id != NULL && !JSON_NODE_HOLDS_NULL (task_run_id) &&
      pw_rest_member_string (object, "task_run_id") == NULL)
    {
      g_free (at);
      at = g_strdup_printf ("%s.task_run_id", loc);
      pw_rest_problems_add (problems, at, "type_error.str", "str type expected");
    }

  g_free (at);
  at = g_strdup_printf ("%s.timestamp", loc);
  if (!json_object_has_member (object, "timestamp"))
    pw_rest_problems_add (problems, at, "value_error.missing", "field required");
  else
    timestamp = pw_rest_member_time (object, "timestamp", at, problems);

  if (pw_rest_problems_get_n (problems) > n_problems || timestamp == NULL)
    return NULL;

  return pw_log_entry_new (pw_rest_member_string (object, "flow_run_id"),
                           pw_rest_member_string (object, "task_run_id"),
                           pw_rest_member_string (object, "name"),
                           json_node_get_int (level),
                           pw_rest_member_string (object, "message"),
                           timestamp);
}

/* POST /logs/ */
static void
create_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) per_run = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  gpointer value;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (call->body))
    {
      pw_rest_call_invalid (call, "body", "type_error.list", "value is not a valid list");
      return;
    }

  array = json_node_get_array (call->body);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      PwLogEntry *entry = read_line (json_array_get_element (array, i), i, problems);

      if (entry != NULL)
        g_ptr_array_add (entries, entry);
    }
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  if (entries->len > 0 && !pw_store_append_logs (call->store, entries, &error))
    {
      if (g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
        pw_rest_call_detail (call, SOUP_STATUS_CONFLICT, error->message);
      else
        pw_rest_call_error (call, error, "Flow run not found");
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const char *run = pw_log_entry_get_flow_run_id (g_ptr_array_index (entries, i));
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (per_run, run));

      g_hash_table_insert (per_run, (gpointer)run, GUINT_TO_POINTER (n + 1));
    }
  g_hash_table_iter_init (&iter, per_run);
  while (g_hash_table_iter_next (&iter, &key, &value))
    pw_rest_call_queue_logs (call, key, GPOINTER_TO_UINT (value));

  pw_rest_call_empty (call, SOUP_STATUS_CREATED);
}

/* POST /logs/filter */
static void
filter_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  if (!pw_rest_read_filter_body (call->body, PW_REST_FILTER_LOGS, NULL, &filter, problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  if (!filter.nothing && filter.limit > 0)
    {
      entries = pw_store_list_logs (call->store, filter.logs,
                                    filter.has_sort ? filter.sort : PW_LOG_SORT_TIMESTAMP_ASC,
                                    filter.limit, filter.offset, &error);
      if (entries == NULL)
        {
          pw_rest_call_error (call, error, "Log not found");
          return;
        }
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    pw_rest_write_log (&w, g_ptr_array_index (entries, i));
  pw_json_writer_end_array (&w);
}

static const PwRestRoute routes[] = {
  { "POST", "logs", create_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_BODY },
  { "POST", "logs/filter", filter_cb, PW_REST_ROUTE_THREAD },
};

void
_pw_rest_server_add_log_routes (PwRestServer *self)
{
  pw_rest_server_add_routes (self, routes, G_N_ELEMENTS (routes));
}
