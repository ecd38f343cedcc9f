/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-rest"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "pw-rest-json.h"

/*
 * Prefect's filter bodies (API.md §1) ↔ the store's filter structs.
 *
 * Reading is strict the way Prefect's pydantic models are (`extra =
 * forbid`): an unknown field or operator, or a value of the wrong type, is
 * a validation problem. A field Prefect has but the store cannot filter on
 * (`flow_version`, a flow run filter on task runs …) is refused too, with
 * a message that says so, rather than silently ignored: a client that
 * filters expects the filter to hold.
 */

typedef enum
{
  OP_ANY        = 1 << 0,
  OP_NOT_ANY    = 1 << 1,
  OP_ALL        = 1 << 2,
  OP_LIKE       = 1 << 3,
  OP_BEFORE     = 1 << 4,
  OP_AFTER      = 1 << 5,
  OP_IS_NULL    = 1 << 6,
  OP_GE         = 1 << 7,
  OP_LE         = 1 << 8,
  OP_EXISTS     = 1 << 9,
  OP_EQ         = 1 << 10,
  OP_STARTSWITH = 1 << 11,
} OpKind;

static const struct {
  OpKind      kind;
  const char *name;
} op_names[] = {
  { OP_ANY, "any_" },
  { OP_NOT_ANY, "not_any_" },
  { OP_ALL, "all_" },
  { OP_LIKE, "like_" },
  { OP_BEFORE, "before_" },
  { OP_AFTER, "after_" },
  { OP_IS_NULL, "is_null_" },
  { OP_GE, "ge_" },
  { OP_LE, "le_" },
  { OP_EXISTS, "exists_" },
  { OP_EQ, "eq_" },
  { OP_STARTSWITH, "startswith_" },
};

typedef struct
{
  guint      set;        /* OpKind bits given a non-null value */
  GStrv      any;
  GStrv      not_any;
  GStrv      all;
  GStrv      startswith;
  char      *like;
  GDateTime *before;
  GDateTime *after;
  gboolean   is_null;
  double     ge;
  double     le;
  gboolean   exists;
  gboolean   eq;
} Ops;

static void
ops_clear (Ops *ops)
{
  g_strfreev (ops->any);
  g_strfreev (ops->not_any);
  g_strfreev (ops->all);
  g_strfreev (ops->startswith);
  g_free (ops->like);
  g_clear_pointer (&ops->before, g_date_time_unref);
  g_clear_pointer (&ops->after, g_date_time_unref);
  memset (ops, 0, sizeof *ops);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ops, ops_clear)

static gboolean
value_is (JsonNode *node,
          GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* Reads one field's operator object, keeping to the operators in @allowed. */
static void
read_ops (JsonNode       *node,
          guint           allowed,
          const char     *loc,
          Ops            *ops,
          PwRestProblems *problems)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pw_rest_problems_add (problems, loc, "type_error.dict", "value is not a valid dict");
      return;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", loc, name);
      OpKind kind = 0;

      for (guint i = 0; i < G_N_ELEMENTS (op_names); i++)
        if (g_str_equal (op_names[i].name, name))
          kind = op_names[i].kind;
      if ((kind & allowed) == 0)
        {
          pw_rest_problems_add (problems, at, "value_error.extra", "extra fields not permitted");
          continue;
        }
      if (JSON_NODE_HOLDS_NULL (value))
        continue;

      switch (kind)
        {
        case OP_ANY:
        case OP_NOT_ANY:
        case OP_ALL:
        case OP_STARTSWITH:
          {
            JsonObject *object = json_node_get_object (node);
            GStrv list = pw_rest_member_strv (object, name, at, problems);

            if (list == NULL)
              continue;
            if (kind == OP_ANY)
              ops->any = list;
            else if (kind == OP_NOT_ANY)
              ops->not_any = list;
            else if (kind == OP_STARTSWITH)
              ops->startswith = list;
            else
              ops->all = list;
          }
          break;

        case OP_LIKE:
          if (!value_is (value, G_TYPE_STRING))
            {
              pw_rest_problems_add (problems, at, "type_error.str", "str type expected");
              continue;
            }
          ops->like = g_strdup (json_node_get_string (value));
          break;

        case OP_BEFORE:
        case OP_AFTER:
          {
            GDateTime *time = pw_rest_member_time (json_node_get_object (node), name, at, problems);

            if (time == NULL)
              continue;
            if (kind == OP_BEFORE)
              ops->before = time;
            else
              ops->after = time;
          }
          break;

        case OP_IS_NULL:
        case OP_EXISTS:
        case OP_EQ:
          if (!value_is (value, G_TYPE_BOOLEAN))
            {
              pw_rest_problems_add (problems, at, "type_error.bool", "value could not be parsed to a boolean");
              continue;
            }
          if (kind == OP_IS_NULL)
            ops->is_null = json_node_get_boolean (value);
          else if (kind == OP_EXISTS)
            ops->exists = json_node_get_boolean (value);
          else
            ops->eq = json_node_get_boolean (value);
          break;

        case OP_GE:
        case OP_LE:
          if (!value_is (value, G_TYPE_INT64) && !value_is (value, G_TYPE_DOUBLE))
            {
              pw_rest_problems_add (problems, at, "type_error.integer", "value is not a valid integer");
              continue;
            }
          if (kind == OP_GE)
            ops->ge = json_node_get_double (value);
          else
            ops->le = json_node_get_double (value);
          break;

        default:
          g_assert_not_reached ();
        }
      ops->set |= kind;
    }
}

static PwNullFilter
null_filter (const Ops *ops)
{
  if ((ops->set & OP_IS_NULL) == 0)
    return PW_NULL_FILTER_ANY;
  return ops->is_null ? PW_NULL_FILTER_IS_NULL : PW_NULL_FILTER_IS_NOT_NULL;
}

/* The values in both lists; either may be %NULL (no condition). */
static GStrv
intersect (GStrv               a,
           const char * const *b)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  if (b == NULL)
    return a;
  if (a == NULL)
    return g_strdupv ((char **)b);

  builder = g_strv_builder_new ();
  for (guint i = 0; a[i] != NULL; i++)
    if (g_strv_contains (b, a[i]))
      g_strv_builder_add (builder, a[i]);
  g_strfreev (a);
  return g_strv_builder_end (builder);
}

static void
unsupported (PwRestProblems *problems,
             const char     *loc,
             const char     *what)
{
  pw_rest_problems_add (problems, loc, "value_error.not_supported",
                        "this server cannot filter on %s", what);
}

/* Calls @field for each member of a resource filter object, after checking
 * its `operator`. */
typedef void (*FieldFunc) (const char       *field,
                           JsonNode         *value,
                           const char       *loc,
                           PwRestFilterBody *body,
                           PwRestProblems   *problems);

static void
read_resource (JsonObject       *root,
               const char       *resource,
               FieldFunc         field,
               PwRestFilterBody *body,
               PwRestProblems   *problems)
{
  JsonNode *node = json_object_get_member (root, resource);
  g_autofree char *loc = g_strdup_printf ("body.%s", resource);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  guint n_fields = 0;
  gboolean or = FALSE;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pw_rest_problems_add (problems, loc, "type_error.dict", "value is not a valid dict");
      return;
    }

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", loc, name);

      if (g_str_equal (name, "operator"))
        {
          const char *op = value_is (value, G_TYPE_STRING) ? json_node_get_string (value) : NULL;

          if (g_strcmp0 (op, "and_") == 0)
            continue;
          if (g_strcmp0 (op, "or_") == 0)
            {
              or = TRUE;
              continue;
            }
          pw_rest_problems_add (problems, at, "type_error.enum",
                                "value is not a valid enumeration member; permitted: 'and_', 'or_'");
          continue;
        }
      if (!JSON_NODE_HOLDS_NULL (value))
        n_fields++;
      field (name, value, at, body, problems);
    }

  /* The store ANDs its conditions: "or_" means the same only for one. */
  if (or && n_fields > 1)
    pw_rest_problems_add (problems, loc, "value_error.not_supported",
                          "this server cannot combine filter fields with or_");
}

static gboolean
empty_resource (JsonNode *value)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (value))
    return FALSE;
  json_object_iter_init (&iter, json_node_get_object (value));
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_str_equal (name, "operator") && !empty_resource (member))
      return FALSE;
  return TRUE;
}

/* flows */

static void
flow_field (const char       *field,
            JsonNode         *value,
            const char       *loc,
            PwRestFilterBody *body,
            PwRestProblems   *problems)
{
  g_auto(Ops) ops = { 0, };

  if (g_str_equal (field, "id"))
    {
      read_ops (value, OP_ANY, loc, &ops, problems);
      if (body->flow_runs != NULL)
        body->flow_runs->flow_id_any = intersect (body->flow_runs->flow_id_any,
                                                  (const char * const *)ops.any);
      else if (body->deployments != NULL)
        body->deployments->flow_id_any = g_steal_pointer (&ops.any);
      else if (body->flows != NULL)
        body->flows->id_any = g_steal_pointer (&ops.any);
      else if (ops.set != 0)
        unsupported (problems, loc, "flows here");
    }
  else if (g_str_equal (field, "name"))
    {
      read_ops (value, OP_ANY | OP_LIKE, loc, &ops, problems);
      if (body->flows != NULL)
        {
          body->flows->name_any = g_steal_pointer (&ops.any);
          body->flows->name_like = g_steal_pointer (&ops.like);
        }
      else if (body->flow_runs != NULL && (ops.set & OP_LIKE) == 0)
        body->flow_runs->flow_name_any = intersect (body->flow_runs->flow_name_any,
                                                    (const char * const *)ops.any);
      else if (body->deployments != NULL && (ops.set & OP_LIKE) == 0)
        body->deployments->flow_name_any = g_steal_pointer (&ops.any);
      else if (ops.set != 0)
        unsupported (problems, loc, "flow names here");
    }
  else if (g_str_equal (field, "tags"))
    {
      read_ops (value, OP_ALL | OP_IS_NULL, loc, &ops, problems);
      if (body->flows != NULL)
        {
          body->flows->tags_all = g_steal_pointer (&ops.all);
          body->flows->tags_is_null = null_filter (&ops);
        }
      else if (ops.set != 0)
        unsupported (problems, loc, "flow tags here");
    }
  else
    pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
}

/* flow_runs */

static guint
state_types_from (GStrv           names,
                  const char     *loc,
                  gboolean       *nothing,
                  PwRestProblems *problems)
{
  guint mask = 0;

  if (names == NULL)
    return 0;
  if (names[0] == NULL)
    *nothing = TRUE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      PwStateType type;

      if (pw_state_type_from_string (names[i], &type))
        mask |= PW_STATE_TYPE_MASK (type);
      else
        {
          g_autofree char *at = g_strdup_printf ("%s.%u", loc, i);
          pw_rest_problems_add_enum (problems, at, PW_TYPE_STATE_TYPE);
        }
    }
  return mask;
}

/* `state: {type: {any_}, name: {any_}}`, for flow runs and task runs. */
static void
read_state_field (JsonNode         *value,
                  const char       *loc,
                  guint            *state_types,
                  GStrv            *state_name_any,
                  PwRestFilterBody *body,
                  PwRestProblems   *problems)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return;
  if (!JSON_NODE_HOLDS_OBJECT (value))
    {
      pw_rest_problems_add (problems, loc, "type_error.dict", "value is not a valid dict");
      return;
    }

  json_object_iter_init (&iter, json_node_get_object (value));
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *at = g_strdup_printf ("%s.%s", loc, name);
      g_auto(Ops) ops = { 0, };

      if (g_str_equal (name, "operator"))
        continue;
      read_ops (member, OP_ANY, at, &ops, problems);
      if (g_str_equal (name, "type"))
        {
          g_autofree char *any_loc = g_strdup_printf ("%s.any_", at);
          *state_types = state_types_from (ops.any, any_loc, &body->nothing, problems);
        }
      else if (g_str_equal (name, "name"))
        *state_name_any = g_steal_pointer (&ops.any);
      else
        pw_rest_problems_add (problems, at, "value_error.extra", "extra fields not permitted");
    }
}

static void
flow_run_field (const char       *field,
                JsonNode         *value,
                const char       *loc,
                PwRestFilterBody *body,
                PwRestProblems   *problems)
{
  PwFlowRunFilter *f = body->flow_runs;
  g_auto(Ops) ops = { 0, };

  if (f == NULL)
    {
      /* The flow runs of a flows or task runs list: only by id. */
      if (g_str_equal (field, "id") && body->task_runs != NULL)
        {
          read_ops (value, OP_ANY, loc, &ops, problems);
          body->task_runs->flow_run_id_any = intersect (body->task_runs->flow_run_id_any,
                                                        (const char * const *)ops.any);
        }
      else if (!empty_resource (value))
        unsupported (problems, loc, "flow runs here");
      return;
    }

  if (g_str_equal (field, "id"))
    {
      read_ops (value, OP_ANY | OP_NOT_ANY, loc, &ops, problems);
      f->id_any = g_steal_pointer (&ops.any);
      f->id_not_any = g_steal_pointer (&ops.not_any);
    }
  else if (g_str_equal (field, "name"))
    {
      read_ops (value, OP_ANY | OP_LIKE, loc, &ops, problems);
      f->name_any = g_steal_pointer (&ops.any);
      f->name_like = g_steal_pointer (&ops.like);
    }
  else if (g_str_equal (field, "tags"))
    {
      read_ops (value, OP_ALL | OP_IS_NULL, loc, &ops, problems);
      f->tags_all = g_steal_pointer (&ops.all);
      f->tags_is_null = null_filter (&ops);
    }
  else if (g_str_equal (field, "deployment_id"))
    {
      read_ops (value, OP_ANY | OP_IS_NULL, loc, &ops, problems);
      f->deployment_id_any = intersect (f->deployment_id_any, (const char * const *)ops.any);
      f->deployment_id_is_null = null_filter (&ops);
    }
  else if (g_str_equal (field, "work_queue_name"))
    {
      read_ops (value, OP_ANY | OP_IS_NULL, loc, &ops, problems);
      f->work_queue_name_any = g_steal_pointer (&ops.any);
      f->work_queue_name_is_null = null_filter (&ops);
    }
  else if (g_str_equal (field, "state"))
    read_state_field (value, loc, &f->state_types, &f->state_name_any, body, problems);
  else if (g_str_equal (field, "start_time"))
    {
      read_ops (value, OP_BEFORE | OP_AFTER | OP_IS_NULL, loc, &ops, problems);
      f->start_time_before = g_steal_pointer (&ops.before);
      f->start_time_after = g_steal_pointer (&ops.after);
      f->start_time_is_null = null_filter (&ops);
    }
  else if (g_str_equal (field, "expected_start_time"))
    {
      read_ops (value, OP_BEFORE | OP_AFTER, loc, &ops, problems);
      f->expected_start_time_before = g_steal_pointer (&ops.before);
      f->expected_start_time_after = g_steal_pointer (&ops.after);
    }
  else if (g_str_equal (field, "next_scheduled_start_time"))
    {
      read_ops (value, OP_BEFORE | OP_AFTER, loc, &ops, problems);
      f->next_scheduled_start_time_before = g_steal_pointer (&ops.before);
      f->next_scheduled_start_time_after = g_steal_pointer (&ops.after);
    }
  else if (g_str_equal (field, "parent_task_run_id"))
    {
      read_ops (value, OP_ANY | OP_IS_NULL, loc, &ops, problems);
      f->parent_task_run_id_any = g_steal_pointer (&ops.any);
      f->parent_task_run_id_is_null = null_filter (&ops);
    }
  else if (g_str_equal (field, "flow_version") || g_str_equal (field, "idempotency_key"))
    {
      if (!empty_resource (value))
        unsupported (problems, loc, field);
    }
  else
    pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
}

/* task_runs */

static void
task_run_field (const char       *field,
                JsonNode         *value,
                const char       *loc,
                PwRestFilterBody *body,
                PwRestProblems   *problems)
{
  PwTaskRunFilter *f = body->task_runs;
  g_auto(Ops) ops = { 0, };

  if (f == NULL)
    {
      if (!empty_resource (value))
        unsupported (problems, loc, "task runs here");
      return;
    }

  if (g_str_equal (field, "id"))
    {
      read_ops (value, OP_ANY, loc, &ops, problems);
      f->id_any = g_steal_pointer (&ops.any);
    }
  else if (g_str_equal (field, "name"))
    {
      read_ops (value, OP_ANY | OP_LIKE, loc, &ops, problems);
      f->name_any = g_steal_pointer (&ops.any);
      f->name_like = g_steal_pointer (&ops.like);
    }
  else if (g_str_equal (field, "tags"))
    {
      read_ops (value, OP_ALL | OP_IS_NULL, loc, &ops, problems);
      f->tags_all = g_steal_pointer (&ops.all);
      f->tags_is_null = null_filter (&ops);
    }
  else if (g_str_equal (field, "state"))
    read_state_field (value, loc, &f->state_types, &f->state_name_any, body, problems);
  else if (g_str_equal (field, "start_time"))
    {
      read_ops (value, OP_BEFORE | OP_AFTER | OP_IS_NULL, loc, &ops, problems);
      f->start_time_before = g_steal_pointer (&ops.before);
      f->start_time_after = g_steal_pointer (&ops.after);
      f->start_time_is_null = null_filter (&ops);
    }
  else if (g_str_equal (field, "subflow_runs"))
    {
      read_ops (value, OP_EXISTS, loc, &ops, problems);
      if (ops.set & OP_EXISTS)
        body->subflow_runs_exists = ops.exists ? 1 : 0;
    }
  else
    pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
}

/* deployments (as a condition on flow runs) */

static void
deployment_field (const char       *field,
                  JsonNode         *value,
                  const char       *loc,
                  PwRestFilterBody *body,
                  PwRestProblems   *problems)
{
  PwRestDeploymentFilter *f = body->deployments;
  g_auto(Ops) ops = { 0, };

  if (f == NULL)
    {
      if (g_str_equal (field, "id") && body->flow_runs != NULL)
        {
          read_ops (value, OP_ANY, loc, &ops, problems);
          body->flow_runs->deployment_id_any = intersect (body->flow_runs->deployment_id_any,
                                                          (const char * const *)ops.any);
        }
      else if (!empty_resource (value))
        unsupported (problems, loc, "deployments here");
      return;
    }

  if (g_str_equal (field, "id"))
    {
      read_ops (value, OP_ANY, loc, &ops, problems);
      f->id_any = g_steal_pointer (&ops.any);
    }
  else if (g_str_equal (field, "name"))
    {
      read_ops (value, OP_ANY | OP_LIKE, loc, &ops, problems);
      f->name_any = g_steal_pointer (&ops.any);
      f->name_like = g_steal_pointer (&ops.like);
    }
  else if (g_str_equal (field, "is_schedule_active"))
    {
      read_ops (value, OP_EQ, loc, &ops, problems);
      if (ops.set & OP_EQ)
        f->is_schedule_active = ops.eq;
    }
  else if (g_str_equal (field, "tags"))
    {
      read_ops (value, OP_ALL | OP_IS_NULL, loc, &ops, problems);
      f->tags_all = g_steal_pointer (&ops.all);
      f->tags_is_null = null_filter (&ops);
    }
  else if (g_str_equal (field, "work_queue_name"))
    {
      read_ops (value, OP_ANY, loc, &ops, problems);
      f->work_queue_name_any = g_steal_pointer (&ops.any);
    }
  else
    pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
}

/* work_queues */

static void
work_queue_field (const char       *field,
                  JsonNode         *value,
                  const char       *loc,
                  PwRestFilterBody *body,
                  PwRestProblems   *problems)
{
  PwRestWorkQueueFilter *f = body->work_queues;
  g_auto(Ops) ops = { 0, };

  if (g_str_equal (field, "id"))
    {
      read_ops (value, OP_ANY, loc, &ops, problems);
      f->id_any = g_steal_pointer (&ops.any);
    }
  else if (g_str_equal (field, "name"))
    {
      read_ops (value, OP_ANY | OP_STARTSWITH, loc, &ops, problems);
      f->name_any = g_steal_pointer (&ops.any);
      f->name_startswith = g_steal_pointer (&ops.startswith);
    }
  else
    pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
}


/* logs */

static void
log_field (const char       *field,
           JsonNode         *value,
           const char       *loc,
           PwRestFilterBody *body,
           PwRestProblems   *problems)
{
  PwLogFilter *f = body->logs;
  g_auto(Ops) ops = { 0, };

  if (g_str_equal (field, "flow_run_id"))
    {
      read_ops (value, OP_ANY, loc, &ops, problems);
      f->flow_run_id_any = g_steal_pointer (&ops.any);
    }
  else if (g_str_equal (field, "task_run_id"))
    {
      read_ops (value, OP_ANY | OP_IS_NULL, loc, &ops, problems);
      f->task_run_id_any = g_steal_pointer (&ops.any);
      f->task_run_id_is_null = null_filter (&ops);
    }
  else if (g_str_equal (field, "level"))
    {
      read_ops (value, OP_GE | OP_LE, loc, &ops, problems);
      /* The store reads 0 as "no bound": a bound at or below 0 is none. */
      if (ops.set & OP_GE)
        f->level_ge = ops.ge > 0 ? (int)ceil (ops.ge) : 0;
      if (ops.set & OP_LE)
        {
          /* Levels are positive; a bound below 1 keeps no line. */
          if (ops.le < 1)
            body->nothing = TRUE;
          else
            f->level_le = (int)floor (MIN (ops.le, G_MAXINT));
        }
    }
  else if (g_str_equal (field, "timestamp"))
    {
      read_ops (value, OP_BEFORE | OP_AFTER, loc, &ops, problems);
      f->timestamp_before = g_steal_pointer (&ops.before);
      f->timestamp_after = g_steal_pointer (&ops.after);
    }
  else
    pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
}

void
pw_rest_filter_body_clear (PwRestFilterBody *body)
{
  g_clear_pointer (&body->flows, pw_flow_filter_free);
  g_clear_pointer (&body->flow_runs, pw_flow_run_filter_free);
  g_clear_pointer (&body->task_runs, pw_task_run_filter_free);
  g_clear_pointer (&body->logs, pw_log_filter_free);
  if (body->deployments != NULL)
    {
      PwRestDeploymentFilter *f = body->deployments;

      g_strfreev (f->id_any);
      g_strfreev (f->name_any);
      g_free (f->name_like);
      g_strfreev (f->tags_all);
      g_strfreev (f->work_queue_name_any);
      g_strfreev (f->flow_id_any);
      g_strfreev (f->flow_name_any);
      g_clear_pointer (&body->deployments, g_free);
    }
  if (body->work_queues != NULL)
    {
      g_strfreev (body->work_queues->id_any);
      g_strfreev (body->work_queues->name_any);
      g_strfreev (body->work_queues->name_startswith);
      g_clear_pointer (&body->work_queues, g_free);
    }
}

/**
 * pw_rest_read_page:
 *
 * Reads `limit` (0…200, default 200) and `offset` (≥ 0, default 0).
 */
gboolean
pw_rest_read_page (JsonObject     *object,
                   guint          *limit,
                   guint          *offset,
                   PwRestProblems *problems)
{
  const struct { const char *name; guint *slot; guint fallback; } members[] = {
    { "limit", limit, PW_REST_MAX_LIMIT },
    { "offset", offset, 0 },
  };
  guint n_problems = pw_rest_problems_get_n (problems);

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *node = json_object_get_member (object, members[i].name);
      g_autofree char *loc = g_strdup_printf ("body.%s", members[i].name);
      gint64 value;

      *members[i].slot = members[i].fallback;
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        continue;
      if (!value_is (node, G_TYPE_INT64))
        {
          pw_rest_problems_add (problems, loc, "type_error.integer", "value is not a valid integer");
          continue;
        }
      value = json_node_get_int (node);
      if (value < 0)
        pw_rest_problems_add (problems, loc, "value_error.number.not_ge",
                              "ensure this value is greater than or equal to 0");
      else if (members[i].slot == limit && value > PW_REST_MAX_LIMIT)
        pw_rest_problems_add (problems, loc, "value_error.number.not_le",
                              "ensure this value is less than or equal to %d", PW_REST_MAX_LIMIT);
      else if (value > G_MAXINT)
        pw_rest_problems_add (problems, loc, "value_error.number.not_le",
                              "ensure this value is less than or equal to %d", G_MAXINT);
      else
        *members[i].slot = value;
    }

  return pw_rest_problems_get_n (problems) == n_problems;
}

static gboolean
read_sort (JsonObject       *object,
           GType             sort_type,
           PwRestFilterBody *body,
           PwRestProblems   *problems)
{
  JsonNode *node = json_object_get_member (object, "sort");
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  klass = g_type_class_ref (sort_type);
  value = value_is (node, G_TYPE_STRING)
    ? g_enum_get_value_by_nick (klass, json_node_get_string (node)) : NULL;
  if (value == NULL)
    {
      pw_rest_problems_add_enum (problems, "body.sort", sort_type);
      return FALSE;
    }
  body->sort = value->value;
  body->has_sort = TRUE;
  return TRUE;
}

/**
 * pw_rest_read_filter_body:
 * @root: the request body (an object; %NULL or null for `{}`)
 * @kind: the resource listed
 * @extra_keys: (nullable): members the caller reads itself (`history_start` …)
 * @body: (out caller-allocates): what it asks
 *
 * Returns: %TRUE, or %FALSE with @problems added
 */
gboolean
pw_rest_read_filter_body (JsonNode           *root,
                          PwRestFilterKind    kind,
                          const char * const *extra_keys,
                          PwRestFilterBody   *body,
                          PwRestProblems   *problems)
{
  static const char * const common_keys[] = {
    "flows", "flow_runs", "task_runs", "deployments", "work_pools", "work_pool_queues",
    "sort", "limit", "offset", NULL
  };
  static const char * const log_keys[] = { "logs", "sort", "limit", "offset", NULL };
  static const char * const queue_keys[] = { "work_queues", "limit", "offset", NULL };
  g_autoptr(JsonNode) empty = NULL;
  const char * const *keys = kind == PW_REST_FILTER_LOGS ? log_keys
                           : kind == PW_REST_FILTER_WORK_QUEUES ? queue_keys : common_keys;
  guint n_problems = pw_rest_problems_get_n (problems);
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  GType sort_type;

  memset (body, 0, sizeof *body);
  body->subflow_runs_exists = -1;
  body->limit = PW_REST_MAX_LIMIT;

  if (root == NULL || JSON_NODE_HOLDS_NULL (root))
    root = empty = json_node_init_object (json_node_alloc (), json_object_new ());
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      pw_rest_problems_add (problems, "body", "type_error.dict", "value is not a valid dict");
      return FALSE;
    }
  object = json_node_get_object (root);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (keys, name) &&
        (extra_keys == NULL || !g_strv_contains (extra_keys, name)))
      {
        g_autofree char *loc = g_strdup_printf ("body.%s", name);
        pw_rest_problems_add (problems, loc, "value_error.extra", "extra fields not permitted");
      }

  switch (kind)
    {
    case PW_REST_FILTER_FLOWS:
      body->flows = pw_flow_filter_new ();
      sort_type = PW_TYPE_FLOW_SORT;
      break;
    case PW_REST_FILTER_FLOW_RUNS:
      body->flow_runs = pw_flow_run_filter_new ();
      sort_type = PW_TYPE_FLOW_RUN_SORT;
      break;
    case PW_REST_FILTER_TASK_RUNS:
      body->task_runs = pw_task_run_filter_new ();
      sort_type = PW_TYPE_TASK_RUN_SORT;
      break;
    case PW_REST_FILTER_LOGS:
      body->logs = pw_log_filter_new ();
      sort_type = PW_TYPE_LOG_SORT;
      break;
    case PW_REST_FILTER_DEPLOYMENTS:
      body->deployments = g_new0 (PwRestDeploymentFilter, 1);
      body->deployments->is_schedule_active = -1;
      /* DeploymentSort has FlowSort's values and spellings. */
      sort_type = PW_TYPE_FLOW_SORT;
      break;
    case PW_REST_FILTER_WORK_QUEUES:
      body->work_queues = g_new0 (PwRestWorkQueueFilter, 1);
      sort_type = G_TYPE_NONE;
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (kind == PW_REST_FILTER_LOGS)
    read_resource (object, "logs", log_field, body, problems);
  else if (kind == PW_REST_FILTER_WORK_QUEUES)
    read_resource (object, "work_queues", work_queue_field, body, problems);
  else
    {
      read_resource (object, "flows", flow_field, body, problems);
      read_resource (object, "flow_runs", flow_run_field, body, problems);
      read_resource (object, "task_runs", task_run_field, body, problems);
      read_resource (object, "deployments", deployment_field, body, problems);
      for (guint i = 0; i < 2; i++)
        {
          const char *pools = i == 0 ? "work_pools" : "work_pool_queues";
          g_autofree char *loc = g_strdup_printf ("body.%s", pools);

          if (!empty_resource (json_object_get_member (object, pools)))
            unsupported (problems, loc, "work pools");
        }
    }

  if (sort_type != G_TYPE_NONE)
    read_sort (object, sort_type, body, problems);
  pw_rest_read_page (object, &body->limit, &body->offset, problems);

  /* An empty any_ list (here or after intersecting) keeps nothing. */
  if (body->flow_runs != NULL)
    {
      PwFlowRunFilter *f = body->flow_runs;

      if ((f->flow_id_any != NULL && f->flow_id_any[0] == NULL) ||
          (f->deployment_id_any != NULL && f->deployment_id_any[0] == NULL))
        body->nothing = TRUE;
    }

  return pw_rest_problems_get_n (problems) == n_problems;
}
