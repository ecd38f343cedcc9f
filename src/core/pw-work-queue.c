/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pw-work-queue"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pw-deployment.h"
#include "pw-work-queue.h"

/*
 * PwWorkQueue: where runs wait for an agent (DESIGN.md §2, Prefect's work
 * queues). A paused queue hands out nothing; a concurrency limit caps how
 * many of its runs may be active at once (0 holds every run, none means no
 * cap); agents serve queues of lower priority numbers first. The tag
 * filter routes deployments that name no queue: such a deployment's runs go
 * to the first queue (by priority, then name) whose filter's tags it all
 * carries. A queue without a filter only takes runs that name it.
 */

struct _PwWorkQueue
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *description;
  GStrv      tag_filter;
  GDateTime *last_polled;
  GDateTime *created;
  GDateTime *updated;
  int        concurrency_limit;
  guint      priority;
  gboolean   paused;
};

G_DEFINE_FINAL_TYPE (PwWorkQueue, pw_work_queue, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PAUSED,
  PROP_CONCURRENCY_LIMIT,
  PROP_PRIORITY,
  PROP_TAG_FILTER,
  PROP_LAST_POLLED,
  PROP_CREATED,
  PROP_UPDATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pw_work_queue_finalize (GObject *object)
{
  PwWorkQueue *self = (PwWorkQueue *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->tag_filter, g_strfreev);
  g_clear_pointer (&self->last_polled, g_date_time_unref);
  g_clear_pointer (&self->created, g_date_time_unref);
  g_clear_pointer (&self->updated, g_date_time_unref);

  G_OBJECT_CLASS (pw_work_queue_parent_class)->finalize (object);
}

static void
pw_work_queue_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PwWorkQueue *self = PW_WORK_QUEUE (object);

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
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;
    case PROP_CONCURRENCY_LIMIT:
      g_value_set_int (value, self->concurrency_limit);
      break;
    case PROP_PRIORITY:
      g_value_set_uint (value, self->priority);
      break;
    case PROP_TAG_FILTER:
      g_value_set_boxed (value, self->tag_filter);
      break;
    case PROP_LAST_POLLED:
      g_value_set_boxed (value, self->last_polled);
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
pw_work_queue_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PwWorkQueue *self = PW_WORK_QUEUE (object);

  switch (prop_id)
    {
    case PROP_ID:
      pw_work_queue_set_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      pw_work_queue_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      pw_work_queue_set_description (self, g_value_get_string (value));
      break;
    case PROP_PAUSED:
      pw_work_queue_set_paused (self, g_value_get_boolean (value));
      break;
    case PROP_CONCURRENCY_LIMIT:
      pw_work_queue_set_concurrency_limit (self, g_value_get_int (value));
      break;
    case PROP_PRIORITY:
      pw_work_queue_set_priority (self, g_value_get_uint (value));
      break;
    case PROP_TAG_FILTER:
      pw_work_queue_set_tag_filter (self, g_value_get_boxed (value));
      break;
    case PROP_LAST_POLLED:
      pw_work_queue_set_last_polled (self, g_value_get_boxed (value));
      break;
    case PROP_CREATED:
      pw_work_queue_set_created (self, g_value_get_boxed (value));
      break;
    case PROP_UPDATED:
      pw_work_queue_set_updated (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pw_work_queue_class_init (PwWorkQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pw_work_queue_finalize;
  object_class->get_property = pw_work_queue_get_property;
  object_class->set_property = pw_work_queue_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_PAUSED] = g_param_spec_boolean ("paused", NULL, NULL, FALSE, flags);
  /**
   * PwWorkQueue:concurrency-limit:
   *
   * How many of the queue's runs may be active at once, or
   * %PW_WORK_QUEUE_NO_LIMIT.
   */
  properties[PROP_CONCURRENCY_LIMIT] =
    g_param_spec_int ("concurrency-limit", NULL, NULL, PW_WORK_QUEUE_NO_LIMIT, G_MAXINT,
                      PW_WORK_QUEUE_NO_LIMIT, flags);
  /**
   * PwWorkQueue:priority:
   *
   * 1 or more; agents serve lower numbers first.
   */
  properties[PROP_PRIORITY] = g_param_spec_uint ("priority", NULL, NULL, 1, G_MAXINT, 1, flags);
  properties[PROP_TAG_FILTER] = g_param_spec_boxed ("tag-filter", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_LAST_POLLED] =
    g_param_spec_boxed ("last-polled", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_CREATED] = g_param_spec_boxed ("created", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED] = g_param_spec_boxed ("updated", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pw_work_queue_init (PwWorkQueue *self)
{
  self->concurrency_limit = PW_WORK_QUEUE_NO_LIMIT;
  self->priority = 1;
}

/**
 * pw_work_queue_new:
 * @name: (nullable): the queue's unique name
 *
 * Returns: (transfer full): a queue that is not paused, has no concurrency
 *   limit, priority 1 and no tag filter
 */
PwWorkQueue *
pw_work_queue_new (const char *name)
{
  return g_object_new (PW_TYPE_WORK_QUEUE, "name", name, NULL);
}

PwWorkQueue *
pw_work_queue_copy (PwWorkQueue *self)
{
  PwWorkQueue *copy;

  g_return_val_if_fail (PW_IS_WORK_QUEUE (self), NULL);

  copy = pw_work_queue_new (self->name);
  copy->id = g_strdup (self->id);
  copy->description = g_strdup (self->description);
  copy->paused = self->paused;
  copy->concurrency_limit = self->concurrency_limit;
  copy->priority = self->priority;
  copy->tag_filter = g_strdupv (self->tag_filter);
  copy->last_polled = self->last_polled ? g_date_time_ref (self->last_polled) : NULL;
  copy->created = self->created ? g_date_time_ref (self->created) : NULL;
  copy->updated = self->updated ? g_date_time_ref (self->updated) : NULL;

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
  pw_work_queue_get_##field (PwWorkQueue *self)                               \
  {                                                                           \
    g_return_val_if_fail (PW_IS_WORK_QUEUE (self), NULL);                     \
    return self->field;                                                       \
  }                                                                           \
                                                                              \
  void                                                                        \
  pw_work_queue_set_##field (PwWorkQueue *self,                               \
                             const char  *field)                              \
  {                                                                           \
    g_return_if_fail (PW_IS_WORK_QUEUE (self));                               \
    if (set_string (&self->field, field))                                     \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);           \
  }

#define TIME_ACCESSORS(field, PROP)                                           \
  GDateTime *                                                                 \
  pw_work_queue_get_##field (PwWorkQueue *self)                               \
  {                                                                           \
    g_return_val_if_fail (PW_IS_WORK_QUEUE (self), NULL);                     \
    return self->field;                                                       \
  }                                                                           \
                                                                              \
  void                                                                        \
  pw_work_queue_set_##field (PwWorkQueue *self,                               \
                             GDateTime   *field)                              \
  {                                                                           \
    g_return_if_fail (PW_IS_WORK_QUEUE (self));                               \
    if (set_date_time (&self->field, field))                                  \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);           \
  }

STRING_ACCESSORS (id, PROP_ID)
STRING_ACCESSORS (name, PROP_NAME)
STRING_ACCESSORS (description, PROP_DESCRIPTION)
TIME_ACCESSORS (last_polled, PROP_LAST_POLLED)
TIME_ACCESSORS (created, PROP_CREATED)
TIME_ACCESSORS (updated, PROP_UPDATED)

gboolean
pw_work_queue_get_paused (PwWorkQueue *self)
{
  g_return_val_if_fail (PW_IS_WORK_QUEUE (self), FALSE);
  return self->paused;
}

void
pw_work_queue_set_paused (PwWorkQueue *self,
                          gboolean     paused)
{
  g_return_if_fail (PW_IS_WORK_QUEUE (self));

  paused = !!paused;
  if (self->paused != paused)
    {
      self->paused = paused;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAUSED]);
    }
}

/**
 * pw_work_queue_get_concurrency_limit:
 * @self: a #PwWorkQueue
 *
 * Returns: how many of its runs may be active at once (0 or more), or
 *   %PW_WORK_QUEUE_NO_LIMIT
 */
int
pw_work_queue_get_concurrency_limit (PwWorkQueue *self)
{
  g_return_val_if_fail (PW_IS_WORK_QUEUE (self), PW_WORK_QUEUE_NO_LIMIT);
  return self->concurrency_limit;
}

void
pw_work_queue_set_concurrency_limit (PwWorkQueue *self,
                                     int          limit)
{
  g_return_if_fail (PW_IS_WORK_QUEUE (self));
  g_return_if_fail (limit >= PW_WORK_QUEUE_NO_LIMIT);

  if (self->concurrency_limit != limit)
    {
      self->concurrency_limit = limit;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONCURRENCY_LIMIT]);
    }
}

guint
pw_work_queue_get_priority (PwWorkQueue *self)
{
  g_return_val_if_fail (PW_IS_WORK_QUEUE (self), 1);
  return self->priority;
}

void
pw_work_queue_set_priority (PwWorkQueue *self,
                            guint        priority)
{
  g_return_if_fail (PW_IS_WORK_QUEUE (self));
  g_return_if_fail (priority >= 1 && priority <= G_MAXINT);

  if (self->priority != priority)
    {
      self->priority = priority;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIORITY]);
    }
}

/**
 * pw_work_queue_get_tag_filter:
 * @self: a #PwWorkQueue
 *
 * Returns: (nullable) (transfer none): the tags a deployment that names no
 *   queue must all carry to be routed here, or %NULL
 */
const char * const *
pw_work_queue_get_tag_filter (PwWorkQueue *self)
{
  g_return_val_if_fail (PW_IS_WORK_QUEUE (self), NULL);
  return (const char * const *)self->tag_filter;
}

void
pw_work_queue_set_tag_filter (PwWorkQueue        *self,
                              const char * const *tags)
{
  g_return_if_fail (PW_IS_WORK_QUEUE (self));

  if (tags != NULL && tags[0] == NULL)
    tags = NULL;
  if (self->tag_filter == NULL && tags == NULL)
    return;
  if (self->tag_filter != NULL && tags != NULL &&
      g_strv_equal ((const char * const *)self->tag_filter, tags))
    return;

  g_strfreev (self->tag_filter);
  self->tag_filter = g_strdupv ((char **)tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAG_FILTER]);
}

/**
 * pw_work_queue_matches_tags:
 * @self: a #PwWorkQueue
 * @tags: (nullable): a deployment's tags
 *
 * Returns: %TRUE if the queue has a tag filter and @tags hold each of its
 *   tags
 */
gboolean
pw_work_queue_matches_tags (PwWorkQueue        *self,
                            const char * const *tags)
{
  g_return_val_if_fail (PW_IS_WORK_QUEUE (self), FALSE);

  if (self->tag_filter == NULL)
    return FALSE;

  for (guint i = 0; self->tag_filter[i] != NULL; i++)
    if (tags == NULL || !g_strv_contains (tags, self->tag_filter[i]))
      return FALSE;

  return TRUE;
}

/**
 * pw_work_queue_check_name:
 * @name: (nullable): a queue's name
 * @error: return location for a #GError
 *
 * Returns: %TRUE if @name can name a queue (not empty, no control
 *   characters, no space at either end), else %FALSE with
 *   %PW_DEPLOYMENT_ERROR_INVALID
 */
gboolean
pw_work_queue_check_name (const char  *name,
                          GError     **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                           _("a work queue needs a name"));
      return FALSE;
    }
  if (g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1]))
    {
      g_set_error (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                   _("a work queue name cannot start or end with a space (“%s”)"), name);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    {
      if ((guchar)*p < 0x20 || *p == 0x7f)
        {
          g_set_error_literal (error, PW_DEPLOYMENT_ERROR, PW_DEPLOYMENT_ERROR_INVALID,
                               _("a work queue name cannot contain control characters"));
          return FALSE;
        }
    }

  return TRUE;
}

/* PwWorkQueueStatus */

G_DEFINE_BOXED_TYPE (PwWorkQueueStatus, pw_work_queue_status,
                     pw_work_queue_status_copy, pw_work_queue_status_free)

PwWorkQueueStatus *
pw_work_queue_status_new (void)
{
  return g_new0 (PwWorkQueueStatus, 1);
}

PwWorkQueueStatus *
pw_work_queue_status_copy (const PwWorkQueueStatus *self)
{
  PwWorkQueueStatus *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  if (copy->last_polled != NULL)
    g_date_time_ref (copy->last_polled);
  return copy;
}

void
pw_work_queue_status_free (PwWorkQueueStatus *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->last_polled, g_date_time_unref);
  g_free (self);
}
