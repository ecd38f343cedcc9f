/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-flow-file.h"
#include "pw-flow-validate.h"
#include "pw-flow.h"
#include "pw-problem.h"
#include "pw-rest-server-private.h"

/*
 * /flows/… (API.md §5). A Prefect flow is a name and tags; a Pipewright
 * flow is also its definition, kept in versions. Creating a flow here
 * (as Prefect's engine does before a run) saves an empty definition, and
 * changing its tags saves a new version; the definitions themselves are
 * read and written under /api/pipewright/flows.
 */

static gboolean
read_filter (PwRestCall       *call,
             PwRestFilterBody *filter)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();

  if (!pw_rest_read_filter_body (call->body, PW_REST_FILTER_FLOWS, NULL, filter, problems))
    {
      pw_rest_call_problems (call, problems);
      return FALSE;
    }
  return TRUE;
}

/* POST /flows/filter */
static void
filter_cb (PwRestCall *call)
{
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GPtrArray) flows = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  if (!read_filter (call, &filter))
    return;
  if (!filter.nothing && filter.limit > 0)
    {
      flows = pw_store_list_flows (call->store, filter.flows,
                                   filter.has_sort ? filter.sort : PW_FLOW_SORT_NAME_ASC,
                                   filter.limit, filter.offset, &error);
      if (flows == NULL)
        {
          pw_rest_call_error (call, error, "Flow not found");
          return;
        }
    }

  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_begin_array (&w);
  for (guint i = 0; flows != NULL && i < flows->len; i++)
    pw_rest_write_flow (&w, g_ptr_array_index (flows, i));
  pw_json_writer_end_array (&w);
}

/* POST /flows/count */
static void
count_cb (PwRestCall *call)
{
  g_auto(PwRestFilterBody) filter = { 0, };
  g_autoptr(GError) error = NULL;
  gint64 count = 0;
  PwJsonWriter w;

  if (!read_filter (call, &filter))
    return;
  if (!filter.nothing)
    count = pw_store_count_flows (call->store, filter.flows, &error);
  if (count < 0)
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_json_writer_int (&w, count);
}

static PwFlowInfo *
flow_by_id (PwStore     *store,
            const char  *id,
            GError     **error)
{
  g_autoptr(PwFlowFilter) filter = pw_flow_filter_new ();
  g_autoptr(GPtrArray) flows = NULL;
  const char *ids[] = { id, NULL };

  filter->id_any = g_strdupv ((char **)ids);
  flows = pw_store_list_flows (store, filter, PW_FLOW_SORT_NAME_ASC, 1, 0, error);
  if (flows == NULL)
    return NULL;
  if (flows->len == 0)
    {
      g_set_error (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND, "Flow not found");
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (flows, 0));
}

/* GET /flows/{id} */
static void
read_cb (PwRestCall *call)
{
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  info = flow_by_id (call->store, call->params[0], &error);
  if (info == NULL)
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_rest_write_flow (&w, info);
}

/* GET /flows/name/{name} */
static void
read_by_name_cb (PwRestCall *call)
{
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  PwJsonWriter w;

  info = pw_store_get_flow_info (call->store, call->params[0], &error);
  if (info == NULL)
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }
  pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
  pw_rest_write_flow (&w, info);
}

static gboolean
save_flow (PwRestCall  *call,
           PwFlow      *flow,
           PwFlowInfo **out_info)
{
  g_autoptr(GPtrArray) problems = pw_flow_validate (flow);
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;

  if (problems->len > 0)
    {
      g_autoptr(PwRestProblems) rest_problems = pw_rest_problems_new ();

      for (guint i = 0; i < problems->len; i++)
        {
          g_autofree char *text = pw_problem_to_string (g_ptr_array_index (problems, i));
          pw_rest_problems_add (rest_problems, "body", "value_error", "%s", text);
        }
      pw_rest_call_problems (call, rest_problems);
      return FALSE;
    }

  document = pw_flow_file_to_data (flow, NULL);
  *out_info = pw_store_save_flow (call->store, pw_flow_get_name (flow),
                                  pw_flow_get_description (flow), pw_flow_get_tags (flow),
                                  pw_flow_get_n_tasks (flow), document, &error);
  if (*out_info == NULL)
    {
      pw_rest_call_error (call, error, "Flow not found");
      return FALSE;
    }
  pw_rest_call_queue_flows (call);
  return TRUE;
}

/* POST /flows/: an upsert by name */
static void
create_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  JsonObject *body;
  const char *name = NULL;
  PwJsonWriter w;

  body = pw_rest_call_body_object (call, problems);
  if (body != NULL)
    {
      json_object_iter_init (&iter, body);
      while (json_object_iter_next (&iter, &member, &value))
        if (!g_str_equal (member, "name") && !g_str_equal (member, "tags"))
          {
            g_autofree char *loc = g_strdup_printf ("body.%s", member);
            pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
          }
      name = pw_rest_member_string (body, "name");
      if (name == NULL)
        pw_rest_problems_add (problems, "body.name", "value_error.missing", "field required");
      tags = pw_rest_member_strv (body, "tags", "body.tags", problems);
    }
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  info = pw_store_get_flow_info (call->store, name, &error);
  if (info != NULL)
    {
      pw_rest_call_begin_json (call, SOUP_STATUS_OK, &w);
      pw_rest_write_flow (&w, info);
      return;
    }
  if (!g_error_matches (error, PW_STORE_ERROR, PW_STORE_ERROR_NOT_FOUND))
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }

  flow = pw_flow_new (name);
  pw_flow_set_tags (flow, (const char * const *)tags);
  if (!save_flow (call, flow, &info))
    return;
  pw_rest_call_begin_json (call, SOUP_STATUS_CREATED, &w);
  pw_rest_write_flow (&w, info);
}

static PwFlow *
load_latest (PwRestCall  *call,
             const char  *name,
             GError     **error)
{
  g_autofree char *document = NULL;
  guint version = 0;

  document = pw_store_get_flow_document (call->store, name, 0, &version, error);
  if (document == NULL)
    return NULL;
  return pw_flow_file_load_data (document, strlen (document), name, NULL, error);
}

/* PATCH /flows/{id}: `{"tags": [...]}`, saved as a new version */
static void
update_cb (PwRestCall *call)
{
  g_autoptr(PwRestProblems) problems = pw_rest_problems_new ();
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(PwFlowInfo) saved = NULL;
  g_autoptr(PwFlow) flow = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  JsonObject *body;

  body = pw_rest_call_body_object (call, problems);
  if (body != NULL)
    {
      json_object_iter_init (&iter, body);
      while (json_object_iter_next (&iter, &member, &value))
        if (!g_str_equal (member, "tags"))
          {
            g_autofree char *loc = g_strdup_printf ("body.%s", member);
            pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
          }
      tags = pw_rest_member_strv (body, "tags", "body.tags", problems);
    }
  if (!pw_rest_problems_is_empty (problems))
    {
      pw_rest_call_problems (call, problems);
      return;
    }

  info = flow_by_id (call->store, call->params[0], &error);
  if (info == NULL || (flow = load_latest (call, pw_flow_info_get_name (info), &error)) == NULL)
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }
  if (json_object_has_member (body, "tags"))
    pw_flow_set_tags (flow, (const char * const *)tags);
  if (!save_flow (call, flow, &saved))
    return;
  pw_rest_call_empty (call, SOUP_STATUS_NO_CONTENT);
}

/* DELETE /flows/{id} */
static void
delete_cb (PwRestCall *call)
{
  g_autoptr(PwFlowInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = flow_by_id (call->store, call->params[0], &error);
  if (info == NULL || !pw_store_delete_flow (call->store, pw_flow_info_get_name (info), &error))
    {
      pw_rest_call_error (call, error, "Flow not found");
      return;
    }
  pw_rest_call_queue_flows (call);
  pw_rest_call_empty (call, SOUP_STATUS_NO_CONTENT);
}

static const PwRestRoute routes[] = {
  { "POST", "flows", create_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_BODY },
  { "POST", "flows/filter", filter_cb, PW_REST_ROUTE_THREAD },
  { "POST", "flows/count", count_cb, PW_REST_ROUTE_THREAD },
  { "GET", "flows/*", read_cb, PW_REST_ROUTE_THREAD },
  { "PATCH", "flows/*", update_cb, PW_REST_ROUTE_THREAD | PW_REST_ROUTE_BODY },
  { "DELETE", "flows/*", delete_cb, PW_REST_ROUTE_THREAD },
  { "GET", "flows/name/*", read_by_name_cb, PW_REST_ROUTE_THREAD },
};

void
_pw_rest_server_add_flow_routes (PwRestServer *self)
{
  pw_rest_server_add_routes (self, routes, G_N_ELEMENTS (routes));
}
