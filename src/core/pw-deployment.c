/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-deployment"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-deployment.h"
#include "pw-flow.h"
#include "pw-parameter.h"
#include "pw-problem.h"

/*
 * PwDeployment: a flow set up to run on its own (DESIGN.md §2), addressed
 * `FLOW/NAME` as in Prefect: a schedule (or none), parameters over the
 * flow's defaults, tags for its runs, the work queue its runs wait in
 * (none: routed by tags, else `default`), and whether its schedule is
 * paused.
 */

struct _PwDeployment
{
  GObject     parent_instance;

  char       *id;
  char       *flow_id;
  char       *flow_name;
  char       *name;
  PwSchedule *schedule;
  char       *parameters;
  GStrv       tags;
  char       *work_queue_name;
  char       *description;
  GDateTime  *created;
  GDateTime  *updated;
  gboolean    paused;
};

G_DEFINE_FINAL_TYPE (PwDeployment, pw_deployment, G_TYPE_OBJECT)

G_DEFINE_QUARK (pw-deployment-error-quark, pw_deployment_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_FLOW_ID,
  PROP_FLOW_NAME,
  PROP_NAME,
  PROP_SCHEDULE,
  PROP_PARAMETERS,
  PROP_TAGS,
  PROP_WORK_QUEUE_NAME,
  PROP_PAUSED,
  PROP_DESCRIPTION,
  PROP_CREATED,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_deployment_finalize (GObject *object)
{
  PwDeployment *self = (PwDeployment *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->flow_id, g_free);
  g_clear_pointer (&self->flow_name, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_object (&self->schedule);
  g_clear_pointer (&self->parameters, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->work_queue_name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (pw_deployment_parent_class)->finalize (object);
}

static void
pw_deployment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PwDeployment *self = PW_DEPLOYMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_FLOW_ID:
      g_value_set_string (value, self->flow_id);
      break;
    case PROP_FLOW_NAME:
      g_value_set_string (value, self->flow_name);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SCHEDULE:
      g_value_set_object (value, self->schedule);
      break;
    case PROP_PARAMETERS:
      g_value_set_string (value, self->parameters);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_WORK_QUEUE_NAME:
      g_value_set_string (value, self->work_queue_name);
      break;
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_CREATED:
      g_value_set_boxed (value, self->created);
      break;
    case PROP_UPDATED:
      g_value_set_boxed (value, self->updated);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_deployment_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PwDeployment *self = PW_DEPLOYMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      pw_deployment_set_id (self, g_value_get_string (value));
      break;
    case PROP_FLOW_ID:
      pw_deployment_set_flow_id (self, g_value_get_string (value));
      break;
    case PROP_FLOW_NAME:
      pw_deployment_set_flow_name (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      pw_deployment_set_name (self, g_value_get_string (value));
      break;
    case PROP_SCHEDULE:
      pw_deployment_set_schedule (self, g_value_get_object (value));
      break;
    case PROP_PARAMETERS:
      pw_deployment_set_parameters (self, g_value_get_string (value));
      break;
    case PROP_TAGS:
      pw_deployment_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_WORK_QUEUE_NAME:
      pw_deployment_set_work_queue_name (self, g_value_get_string (value));
      break;
    case PROP_PAUSED:
      pw_deployment_set_paused (self, g_value_get_boolean (value));
      break;
    case PROP_DESCRIPTION:
      pw_deployment_set_description (self, g_value_get_string (value));
      break;
    case PROP_CREATED:
      pw_deployment_set_created (self, g_value_get_boxed (value));
      break;
    case PROP_UPDATED:
      pw_deployment_set_updated (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_deployment_class_init (PwDeploymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_deployment_finalize;
  object_class->get_property = pw_deployment_get_property;
  object_class->set_property = pw_deployment_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_FLOW_ID] = g_param_spec_string ("flow-id", NULL, NULL, NULL, flags);
  properties[PROP_FLOW_NAME] = g_param_spec_string ("flow-name", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SCHEDULE] = g_param_spec_object ("schedule", NULL, NULL, PW_TYPE_SCHEDULE, flags);
  properties[PROP_PARAMETERS] = g_param_spec_string ("parameters", NULL, NULL, "{}", flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_WORK_QUEUE_NAME] = g_param_spec_string ("work-queue-name", NULL, NULL, NULL, flags);
  properties[PROP_PAUSED] = g_param_spec_boolean ("paused", NULL, NULL, FALSE, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED] = g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_deployment_init (PwDeployment *self)
{
  self->parameters = g_strdup ("{}");
}

/**
 * pw_deployment_new:
 * @flow_name: (nullable): the flow it runs
 * @name: (nullable): its name, unique for the flow
 *
 * Returns: (transfer full): a new deployment with no schedule, no
 *   parameters, no tags and no work queue
 */
PwDeployment *
pw_deployment_new (const char *flow_name,
                   const char *name)
{
  return g_object_new (PW_TYPE_DEPLOYMENT, "flow-name", flow_name, "name", name, NULL);
}

/**
 * pw_deployment_copy:
 * @self: a #PwDeployment
 *
 * Returns: (transfer full): a deep copy (the schedule is shared: schedules
 *   do not change once made)
 */
PwDeployment *
pw_deployment_copy (PwDeployment *self)
{
  PwDeployment *copy;

  g_return_val_if_fail (PW_IS_DEPLOYMENT (self), NULL);

  copy = pw_deployment_new (self->flow_name, self->name);
  copy->id = g_strdup (self->id);
  copy->flow_id = g_strdup (self->flow_id);
  g_set_object (&copy->schedule, self->schedule);
  g_free (copy->parameters);
  copy->parameters = g_strdup (self->parameters);
  copy->tags = g_strdupv (self->tags);
  copy->work_queue_name = g_strdup (self->work_queue_name);
  copy->description = g_strdup (self->description);
  copy->paused = self->paused;
  copy->created = self->created != NULL ? g_date_time_ref (self->created) : NULL;
  copy->updated = self->updated != NULL ? g_date_time_ref (self->updated) : NULL;

  return copy;
}

static gboolean
set_string (char       **slot,
            const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static gboolean
set_date_time (GDateTime **slot,
               GDateTime  *value)
{
  if (*slot == value)
    return FALSE;
  if (*slot != NULL && value != NULL && g_date_time_equal (*slot, value))
    return FALSE;

  g_clear_pointer (slot, g_date_time_unref);
  if (value != NULL)
    *slot = g_date_time_ref (value);
  return TRUE;
}

#define STRING_ACCESSORS(field, PROP)                                         \
  const char *                                                                \
  pw_deployment_get_##field (PwDeployment *self)                              \
  {                                                                           \
    g_return_val_if_fail (PW_IS_DEPLOYMENT (self), NULL);                     \
    return self->field;                                                       \
  }                                                                           \
                                                                              \
  void                                                                        \
  pw_deployment_set_##field (PwDeployment *self,                              \
                             const char   *field)                             \
  {                                                                           \
    g_return_if_fail (PW_IS_DEPLOYMENT (self));                               \
    if (set_string (&self->field, field))                                     \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);           \
  }

STRING_ACCESSORS (id, PROP_ID)
STRING_ACCESSORS (flow_id, PROP_FLOW_ID)
STRING_ACCESSORS (flow_name, PROP_FLOW_NAME)
STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (work_queue_name, PROP_WORK_QUEUE_NAME)
STRING_ACCESSORS (description, PROP_DESCRIPTION)

/**
 * pw_deployment_dup_address:
 * @self: a #PwDeployment
 *
 * Returns: (transfer full): `FLOW/NAME`, how users name a deployment
 */
char *
pw_deployment_dup_address (PwDeployment *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT (self), NULL);

  return g_strdup_printf ("%s/%s", self->flow_name ? self->flow_name : "",
                          self->name ? self->name : "");
}

/**
 * pw_deployment_get_schedule:
 * @self: a #PwDeployment
 *
 * Returns: (transfer none) (nullable): the schedule, or %NULL if the
 *   deployment only runs when asked
 */
PwSchedule *
pw_deployment_get_schedule (PwDeployment *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT (self), NULL);
  return self->schedule;
}

void
pw_deployment_set_schedule (PwDeployment *self,
                            PwSchedule   *schedule)
{
  g_return_if_fail (PW_IS_DEPLOYMENT (self));
  g_return_if_fail (schedule == NULL || PW_IS_SCHEDULE (schedule));

  if (self->schedule == schedule)
    return;
  if (self->schedule != NULL && schedule != NULL && pw_schedule_equal (self->schedule, schedule))
    return;

  g_set_object (&self->schedule, schedule);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEDULE]);
}

/**
 * pw_deployment_get_parameters:
 * @self: a #PwDeployment
 *
 * Returns: the parameters of its runs, as JSON object text (`{}` for none)
 */
const char *
pw_deployment_get_parameters (PwDeployment *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT (self), NULL);
  return self->parameters;
}

/**
 * pw_deployment_set_parameters:
 * @self: a #PwDeployment
 * @parameters: (nullable): JSON object text; %NULL for `{}`
 */
void
pw_deployment_set_parameters (PwDeployment *self,
                              const char   *parameters)
{
  g_return_if_fail (PW_IS_DEPLOYMENT (self));

  if (set_string (&self->parameters, parameters != NULL ? parameters : "{}"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARAMETERS]);
}

const char * const *
pw_deployment_get_tags (PwDeployment *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT (self), NULL);
  return (const char * const *)self->tags;
}

void
pw_deployment_set_tags (PwDeployment       *self,
                        const char * const *tags)
{
  g_return_if_fail (PW_IS_DEPLOYMENT (self));

  if (tags != NULL && tags[0] == NULL)
    tags = NULL;
  if (self->tags == NULL && tags == NULL)
    return;
  if (self->tags != NULL && tags != NULL && g_strv_equal ((const char * const *)self->tags, tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **)tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gboolean
pw_deployment_get_paused (PwDeployment *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT (self), FALSE);
  return self->paused;
}

void
pw_deployment_set_paused (PwDeployment *self,
                          gboolean      paused)
{
  g_return_if_fail (PW_IS_DEPLOYMENT (self));

  paused = !!paused;
  if (self->paused != paused)
    {
      self->paused = paused;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
    }
}

GDateTime *
pw_deployment_get_created (PwDeployment *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT (self), NULL);
  return self->created;
}

void
pw_deployment_set_created (PwDeployment *self,
                           GDateTime    *created)
{
  g_return_if_fail (PW_IS_DEPLOYMENT (self));

  if (set_date_time (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

GDateTime *
pw_deployment_get_updated (PwDeployment *self)
{
  g_return_val_if_fail (PW_IS_DEPLOYMENT (self), NULL);
  return self->updated;
}

void
pw_deployment_set_updated (PwDeployment *self,
                           GDateTime    *updated)
{
  g_return_if_fail (PW_IS_DEPLOYMENT (self));

  if (set_date_time (&self->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}

/**
 * pw_deployment_check_name:
 * @name: (nullable): a deployment's name
 * @error: return location for a #GError
 *
 * A name is what follows the `/` of an address: not empty, no `/`, no
 * control characters, no space at either end.
 *
 * Returns: %TRUE if @name can name a deployment, else %FALSE with
 *   %PW_DEPLOYMENT_ERROR_INVALID saying why
 */
gboolean
pw_deployment_check_name (const char  *name,
                          GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                           _("a deployment needs a name"));
      return FALSE;
    }
  if (strchr (name, '/') != NULL)
    {
      g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                   _("a deployment name cannot contain “/” (“%s”): deployments are named FLOW/NAME"),
                   name);
      return FALSE;
    }
  if (g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1]))
    {
      g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                   _("a deployment name cannot start or end with a space (“%s”)"), name);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    {
      if ((guchar)*p < 0x20 || *p == 0x7f)
        {
          g_set_error_literal (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                               _("a deployment name cannot contain control characters"));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * pw_deployment_parse_address:
 * @address: `FLOW/NAME`
 * @out_flow_name: (out) (transfer full): the flow's name
 * @out_name: (out) (transfer full): the deployment's name
 * @error: return location for a #GError
 *
 * Splits a deployment's address, as Prefect writes it. Flow names have no
 * `/`, so the first one separates the two.
 *
 * Returns: %TRUE, or %FALSE with %PW_DEPLOYMENT_ERROR_ADDRESS
 */
gboolean
pw_deployment_parse_address (const char  *address,
                             char       **out_flow_name,
                             char       **out_name,
                             GError     **error)
{
  const char *slash;

  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (out_flow_name != NULL && out_name != NULL, FALSE);

  slash = strchr (address, '/');
  if (slash == NULL || slash == address || slash[1] == '\0' || strchr (slash + 1, '/') != NULL)
    {
      g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_ADDRESS,
                   _("“%s” is not a deployment: name one as FLOW/NAME, such as"
                     " “ml-training/nightly”"),
                   address);
      return FALSE;
    }

  *out_flow_name = g_strndup (address, slash - address);
  *out_name = g_strdup (slash + 1);
  return TRUE;
}

static JsonObject *
parse_object (const char  *text,
              const char  *what,
              GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) local_error = NULL;

  if (text == NULL)
    return json_object_new ();

  node = json_from_string (text, &local_error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                   _("the %s must be a JSON object"), what);
      return NULL;
    }

  return json_object_ref (json_node_get_object (node));
}

/**
 * pw_deployment_check_parameters:
 * @self: a #PwDeployment
 * @flow: the flow it runs
 * @error: return location for a #GError
 *
 * Checks that each of the deployment's parameters is one @flow declares,
 * with a value of its type.
 *
 * Returns: %TRUE, or %FALSE with %PW_DEPLOYMENT_ERROR_INVALID naming the
 *   first parameter that is unknown (with a suggestion) or of the wrong
 *   type
 */
gboolean
pw_deployment_check_parameters (PwDeployment  *self,
                                PwFlow        *flow,
                                GError       **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GPtrArray) names = NULL;
  GListModel *parameters;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (PW_IS_DEPLOYMENT (self), FALSE);
  g_return_val_if_fail (PW_IS_FLOW (flow), FALSE);

  object = parse_object (self->parameters, _("deployment parameters"), error);
  if (object == NULL)
    return FALSE;

  parameters = pw_flow_get_parameters (flow);
  names = g_ptr_array_new ();
  for (guint i = 0; i < g_list_model_get_n_items (parameters); i++)
    {
      g_autoptr(PwParameter) parameter = g_list_model_get_item (parameters, i);

      g_ptr_array_add (names, (gpointer)pw_parameter_get_name (parameter));
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      PwParameter *parameter = pw_flow_get_parameter (flow, name);

      if (parameter == NULL)
        {
          const char *suggestion = pw_suggest_word (name, (const char * const *)names->pdata,
                                                    names->len);

          if (suggestion != NULL)
            g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                         _("flow “%s” has no parameter “%s”; did you mean “%s”?"),
                         pw_flow_get_name (flow), name, suggestion);
          else if (names->len > 0)
            {
              g_ptr_array_add (names, NULL);
              g_autofree char *known = g_strjoinv (", ", (char **)names->pdata);

              g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                           _("flow “%s” has no parameter “%s” (it has: %s)"),
                           pw_flow_get_name (flow), name, known);
            }
          else
            g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                         _("flow “%s” has no parameters, so “%s” cannot be set"),
                         pw_flow_get_name (flow), name);
          return FALSE;
        }

      if (!pw_parameter_accepts (parameter, value))
        {
          g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                       _("parameter “%s” of flow “%s” must be %s"),
                       name, pw_flow_get_name (flow),
                       pw_param_type_describe (pw_parameter_get_param_type (parameter)));
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * pw_deployment_merge_parameters:
 * @base: (nullable): JSON object text, such as a deployment's parameters
 * @over: (nullable): JSON object text whose members win
 * @error: return location for a #GError
 *
 * Merges two sets of parameters, member by member, as Prefect merges a
 * run's parameters over its deployment's.
 *
 * Returns: (transfer full): JSON object text, or %NULL with @error set
 */
char *
pw_deployment_merge_parameters (const char  *base,
                                const char  *over,
                                GError     **error)
{
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonObject) top = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  merged = parse_object (base, _("deployment parameters"), error);
  if (merged == NULL)
    return NULL;
  top = parse_object (over, _("run parameters"), error);
  if (top == NULL)
    return NULL;

  json_object_iter_init_ordered (&iter, top);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    json_object_set_member (merged, name, json_node_copy (value));

  root = json_node_init_object (json_node_alloc (), merged);
  return json_to_string (root, FALSE);
}

/**
 * pw_deployment_merge_tags:
 * @first: (nullable): tags that come first (a run's)
 * @then: (nullable): tags added after them unless already there (its
 *   deployment's)
 *
 * Returns: (transfer full) (nullable): the union, in order, or %NULL if
 *   empty
 */
GStrv
pw_deployment_merge_tags (const char * const *first,
                          const char * const *then)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const *lists[] = { first, then };
  g_auto(GStrv) tags = NULL;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL; i++)
      if (g_hash_table_add (seen, (gpointer)lists[l][i]))
        g_strv_builder_add (builder, lists[l][i]);

  tags = g_strv_builder_end (builder);
  return tags[0] != NULL ? g_steal_pointer (&tags) : NULL;
}
