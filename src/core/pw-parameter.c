/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-parameter"

#include "config.h"

#include <glib/gi18n.h>

#include "pw-enum-types.h"
#include "pw-json-util.h"
#include "pw-parameter.h"

/*
 * PwParameter: one parameter of a flow, with a name (used in templates as
 * `{{ params.NAME }}`), a type, an optional default and a description.
 * A parameter without a default must be given a value when a run starts.
 */
struct _PwParameter
{
  GObject      parent_instance;

  char        *name;
  PwParamType  type;
  JsonNode    *default_value;
  char        *description;
};

G_DEFINE_FINAL_TYPE (PwParameter, pw_parameter, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_TYPE,
  PROP_DEFAULT,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_parameter_finalize (GObject *object)
{
  PwParameter *self = (PwParameter *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->default_value, json_node_unref);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (pw_parameter_parent_class)->finalize (object);
}

static void
pw_parameter_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PwParameter *self = PW_PARAMETER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_DEFAULT:
      g_value_set_boxed (value, self->default_value);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_parameter_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PwParameter *self = PW_PARAMETER (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pw_parameter_set_name (self, g_value_get_string (value));
      break;
    case PROP_TYPE:
      pw_parameter_set_param_type (self, g_value_get_enum (value));
      break;
    case PROP_DEFAULT:
      pw_parameter_set_default (self, g_value_get_boxed (value));
      break;
    case PROP_DESCRIPTION:
      pw_parameter_set_description (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_parameter_class_init (PwParameterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_parameter_finalize;
  object_class->get_property = pw_parameter_get_property;
  object_class->set_property = pw_parameter_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPE] =
    g_param_spec_enum ("type", NULL, NULL, PW_TYPE_PARAM_TYPE, PW_PARAM_TYPE_STRING,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFAULT] =
    g_param_spec_boxed ("default", NULL, NULL, JSON_TYPE_NODE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_parameter_init (PwParameter *self)
{
  self->type = PW_PARAM_TYPE_STRING;
}

/**
 * pw_parameter_new:
 * @name: the parameter's name, as templates spell it
 * @type: its type
 *
 * Returns: (transfer full): a new #PwParameter without a default
 */
PwParameter *
pw_parameter_new (const char  *name,
                  PwParamType  type)
{
  PwParameter *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (PW_TYPE_PARAMETER, NULL);
  self->name = g_strdup (name);
  self->type = type;

  return self;
}

/**
 * pw_parameter_copy:
 * @self: a #PwParameter
 *
 * Returns: (transfer full): a new #PwParameter equal to @self
 */
PwParameter *
pw_parameter_copy (PwParameter *self)
{
  PwParameter *copy;

  g_return_val_if_fail (PW_IS_PARAMETER (self), NULL);

  copy = pw_parameter_new (self->name, self->type);
  copy->default_value = self->default_value ? json_node_ref (self->default_value) : NULL;
  copy->description = g_strdup (self->description);

  return copy;
}

/**
 * pw_parameter_get_name:
 * @self: a #PwParameter
 *
 * Returns: the name, as used in `{{ params.NAME }}`
 */
const char *
pw_parameter_get_name (PwParameter *self)
{
  g_return_val_if_fail (PW_IS_PARAMETER (self), NULL);
  return self->name;
}

/**
 * pw_parameter_set_name:
 * @self: a #PwParameter
 * @name: the new name
 *
 * Renames the parameter. Templates that use the old name are not changed.
 */
void
pw_parameter_set_name (PwParameter *self,
                       const char  *name)
{
  g_return_if_fail (PW_IS_PARAMETER (self));
  g_return_if_fail (name != NULL);

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * pw_parameter_get_param_type:
 * @self: a #PwParameter
 *
 * Returns: the parameter's type
 */
PwParamType
pw_parameter_get_param_type (PwParameter *self)
{
  g_return_val_if_fail (PW_IS_PARAMETER (self), PW_PARAM_TYPE_STRING);
  return self->type;
}

/**
 * pw_parameter_set_param_type:
 * @self: a #PwParameter
 * @type: the new type
 *
 * Changes the type. A default that no longer fits is kept; validation
 * reports it.
 */
void
pw_parameter_set_param_type (PwParameter *self,
                             PwParamType  type)
{
  g_return_if_fail (PW_IS_PARAMETER (self));

  if (self->type == type)
    return;

  self->type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPE]);
}

/**
 * pw_parameter_get_default:
 * @self: a #PwParameter
 *
 * Returns: (transfer none) (nullable): the default value, sealed (immutable),
 *   or %NULL if the parameter has none and so must be given
 */
JsonNode *
pw_parameter_get_default (PwParameter *self)
{
  g_return_val_if_fail (PW_IS_PARAMETER (self), NULL);
  return self->default_value;
}

/**
 * pw_parameter_set_default:
 * @self: a #PwParameter
 * @value: (nullable): the default value; a JSON null node is the same as %NULL
 *
 * Sets the default. The parameter keeps a sealed deep copy of @value.
 */
void
pw_parameter_set_default (PwParameter *self,
                          JsonNode    *value)
{
  g_return_if_fail (PW_IS_PARAMETER (self));

  if (value != NULL && JSON_NODE_HOLDS_NULL (value))
    value = NULL;

  if (pw_json_node_equal0 (self->default_value, value))
    return;

  g_clear_pointer (&self->default_value, json_node_unref);
  self->default_value = pw_json_node_dup_sealed (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEFAULT]);
}

/**
 * pw_parameter_get_description:
 * @self: a #PwParameter
 *
 * Returns: (nullable): the description
 */
const char *
pw_parameter_get_description (PwParameter *self)
{
  g_return_val_if_fail (PW_IS_PARAMETER (self), NULL);
  return self->description;
}

/**
 * pw_parameter_set_description:
 * @self: a #PwParameter
 * @description: (nullable): the new description
 */
void
pw_parameter_set_description (PwParameter *self,
                              const char  *description)
{
  g_return_if_fail (PW_IS_PARAMETER (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

/**
 * pw_parameter_accepts:
 * @self: a #PwParameter
 * @value: a JSON value
 *
 * Returns: %TRUE if @value fits the parameter's type
 */
gboolean
pw_parameter_accepts (PwParameter *self,
                      JsonNode    *value)
{
  g_return_val_if_fail (PW_IS_PARAMETER (self), FALSE);
  return pw_param_type_accepts (self->type, value);
}

/**
 * pw_param_type_accepts:
 * @type: a #PwParamType
 * @value: (nullable): a JSON value
 *
 * Whether @value fits @type: a string for `string`, an integer for `int`,
 * any number for `float`, a boolean for `bool`, an array for `list` and
 * anything for `json`. %NULL never fits.
 *
 * Returns: %TRUE if @value fits @type
 */
gboolean
pw_param_type_accepts (PwParamType  type,
                       JsonNode    *value)
{
  GType value_type;

  if (value == NULL)
    return FALSE;

  if (type == PW_PARAM_TYPE_JSON)
    return TRUE;

  if (type == PW_PARAM_TYPE_LIST)
    return JSON_NODE_HOLDS_ARRAY (value);

  if (!JSON_NODE_HOLDS_VALUE (value))
    return FALSE;

  value_type = json_node_get_value_type (value);

  switch (type)
    {
    case PW_PARAM_TYPE_STRING:
      return value_type == G_TYPE_STRING;
    case PW_PARAM_TYPE_INT:
      return value_type == G_TYPE_INT64;
    case PW_PARAM_TYPE_FLOAT:
      return value_type == G_TYPE_INT64 || value_type == G_TYPE_DOUBLE;
    case PW_PARAM_TYPE_BOOL:
      return value_type == G_TYPE_BOOLEAN;
    case PW_PARAM_TYPE_LIST:
    case PW_PARAM_TYPE_JSON:
    default:
      return FALSE;
    }
}

/**
 * pw_param_type_describe:
 * @type: a #PwParamType
 *
 * Names what a value of @type is, for messages: "a string", "an integer"…
 *
 * Returns: a translated static string
 */
const char *
pw_param_type_describe (PwParamType type)
{
  switch (type)
    {
    case PW_PARAM_TYPE_STRING:
      return _("a string");
    case PW_PARAM_TYPE_INT:
      return _("an integer");
    case PW_PARAM_TYPE_FLOAT:
      return _("a number");
    case PW_PARAM_TYPE_BOOL:
      return _("a boolean");
    case PW_PARAM_TYPE_LIST:
      return _("a list (a JSON array)");
    case PW_PARAM_TYPE_JSON:
    default:
      return _("any JSON value");
    }
}
