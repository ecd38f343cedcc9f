/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-flow-info"

#include "config.h"

#include "pw-flow-info.h"

struct _PwFlowInfo
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *description;
  GStrv      tags;
  guint      version;
  guint      n_tasks;
  GDateTime *created;
  GDateTime *updated;
};

G_DEFINE_FINAL_TYPE (PwFlowInfo, pw_flow_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_TAGS,
  PROP_VERSION,
  PROP_N_TASKS,
  PROP_CREATED,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_flow_info_finalize (GObject *object)
{
  PwFlowInfo *self = (PwFlowInfo *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (pw_flow_info_parent_class)->finalize (object);
}

static void
pw_flow_info_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PwFlowInfo *self = PW_FLOW_INFO (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;
    case PROP_VERSION:
      g_value_set_uint (value, self->version);
      break;
    case PROP_N_TASKS:
      g_value_set_uint (value, self->n_tasks);
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
pw_flow_info_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PwFlowInfo *self = PW_FLOW_INFO (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_DESCRIPTION:
      pw_flow_info_set_description (self, g_value_get_string (value));
      break;
    case PROP_TAGS:
      pw_flow_info_set_tags (self, g_value_get_boxed (value));
      break;
    case PROP_VERSION:
      pw_flow_info_set_version (self, g_value_get_uint (value));
      break;
    case PROP_N_TASKS:
      pw_flow_info_set_n_tasks (self, g_value_get_uint (value));
      break;
    case PROP_CREATED:
      pw_flow_info_set_created (self, g_value_get_boxed (value));
      break;
    case PROP_UPDATED:
      pw_flow_info_set_updated (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_flow_info_class_init (PwFlowInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pw_flow_info_finalize;
  object_class->get_property = pw_flow_info_get_property;
  object_class->set_property = pw_flow_info_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_uint ("version", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_TASKS] =
    g_param_spec_uint ("n-tasks", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED] =
    g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPDATED] =
    g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_flow_info_init (PwFlowInfo *self)
{
}

/**
 * pw_flow_info_new:
 * @id: the flow's UUID
 * @name: the flow's unique name
 *
 * Returns: (transfer full): a new #PwFlowInfo
 */
PwFlowInfo *
pw_flow_info_new (const char *id,
                  const char *name)
{
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (PW_TYPE_FLOW_INFO, "id", id, "name", name, NULL);
}

const char *
pw_flow_info_get_id (PwFlowInfo *self)
{
  g_return_val_if_fail (PW_IS_FLOW_INFO (self), NULL);
  return self->id;
}

const char *
pw_flow_info_get_name (PwFlowInfo *self)
{
  g_return_val_if_fail (PW_IS_FLOW_INFO (self), NULL);
  return self->name;
}

const char *
pw_flow_info_get_description (PwFlowInfo *self)
{
  g_return_val_if_fail (PW_IS_FLOW_INFO (self), NULL);
  return self->description;
}

void
pw_flow_info_set_description (PwFlowInfo *self,
                              const char *description)
{
  g_return_if_fail (PW_IS_FLOW_INFO (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char * const *
pw_flow_info_get_tags (PwFlowInfo *self)
{
  g_return_val_if_fail (PW_IS_FLOW_INFO (self), NULL);
  return (const char * const *)self->tags;
}

void
pw_flow_info_set_tags (PwFlowInfo         *self,
                       const char * const *tags)
{
  g_return_if_fail (PW_IS_FLOW_INFO (self));

  if (self->tags != NULL && tags != NULL &&
      g_strv_equal ((const char * const *)self->tags, tags))
    return;
  if (self->tags == NULL && tags == NULL)
    return;

  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **)tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

guint
pw_flow_info_get_version (PwFlowInfo *self)
{
  g_return_val_if_fail (PW_IS_FLOW_INFO (self), 0);
  return self->version;
}

void
pw_flow_info_set_version (PwFlowInfo *self,
                          guint       version)
{
  g_return_if_fail (PW_IS_FLOW_INFO (self));

  if (self->version != version)
    {
      self->version = version;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERSION]);
    }
}

guint
pw_flow_info_get_n_tasks (PwFlowInfo *self)
{
  g_return_val_if_fail (PW_IS_FLOW_INFO (self), 0);
  return self->n_tasks;
}

void
pw_flow_info_set_n_tasks (PwFlowInfo *self,
                          guint       n_tasks)
{
  g_return_if_fail (PW_IS_FLOW_INFO (self));

  if (self->n_tasks != n_tasks)
    {
      self->n_tasks = n_tasks;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TASKS]);
    }
}

GDateTime *
pw_flow_info_get_created (PwFlowInfo *self)
{
  g_return_val_if_fail (PW_IS_FLOW_INFO (self), NULL);
  return self->created;
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

void
pw_flow_info_set_created (PwFlowInfo *self,
                          GDateTime  *created)
{
  g_return_if_fail (PW_IS_FLOW_INFO (self));

  if (set_date_time (&self->created, created))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED]);
}

GDateTime *
pw_flow_info_get_updated (PwFlowInfo *self)
{
  g_return_val_if_fail (PW_IS_FLOW_INFO (self), NULL);
  return self->updated;
}

void
pw_flow_info_set_updated (PwFlowInfo *self,
                          GDateTime  *updated)
{
  g_return_if_fail (PW_IS_FLOW_INFO (self));

  if (set_date_time (&self->updated, updated))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
}
